package pin

import (
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	h, err := Hash("2468")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "2468") || !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q", h)
	}
	for _, c := range []struct {
		pin  string
		want bool
	}{{"2468", true}, {"2469", false}, {"02468", false}, {"", false}} {
		ok, err := Verify(h, c.pin)
		if err != nil || ok != c.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", c.pin, ok, err, c.want)
		}
	}
	// A fresh salt each time: the same PIN never gives the same hash.
	h2, _ := Hash("2468")
	if h2 == h {
		t.Error("two hashes of one PIN are equal: no salt")
	}
	// A hash made with another cost still verifies (parameters are read
	// from the hash).
	cheap := "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$"
	if _, err := Verify(cheap, "1234"); err == nil {
		t.Error("a hash without a key verified")
	}
}

func TestCheck(t *testing.T) {
	for p, ok := range map[string]bool{"1234": true, "12345678": true, "123": false, "123456789": false, "12a4": false, "١٢٣٤": false, "12 34": false} {
		if err := Check(p); (err == nil) != ok {
			t.Errorf("Check(%q) = %v", p, err)
		}
	}
	if _, err := Hash("12"); err == nil {
		t.Error("a 2-digit PIN was hashed")
	}
}

func TestVerifyRefusesGarbage(t *testing.T) {
	for _, h := range []string{"", "2468", "$2a$10$abc", "$argon2i$v=19$m=64,t=1,p=1$YQ$YQ", "$argon2id$v=16$m=64,t=1,p=1$YQ$YQ", "$argon2id$v=19$m=x$YQ$YQ"} {
		if ok, err := Verify(h, "2468"); ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v", h, ok, err)
		}
	}
}
