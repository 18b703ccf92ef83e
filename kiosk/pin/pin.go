// Package pin hashes and checks staff PINs with argon2id
// (golang.org/x/crypto/argon2): slow and memory-hard, so a copied database
// does not give up 4-8 digit PINs to a quick search. Only the hash is kept.
package pin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Cost of a hash: OWASP's argon2id floor (19 MiB, 2 passes, 1 lane), which
// takes some tens of milliseconds on a kiosk: slow for a guesser, quick
// enough for a clerk.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	lanes     = 1
	keyLen    = 32
	saltLen   = 16
)

// ErrFormat is returned for a PIN that is not 4 to 8 digits.
var ErrFormat = errors.New("a PIN is 4 to 8 digits")

// Check says whether a PIN has the right form.
func Check(p string) error {
	if len(p) < 4 || len(p) > 8 {
		return ErrFormat
	}
	for _, c := range p {
		if c < '0' || c > '9' {
			return ErrFormat
		}
	}
	return nil
}

// Hash returns the encoded argon2id hash of a PIN with a fresh random salt:
// $argon2id$v=19$m=19456,t=2,p=1$SALT$KEY.
func Hash(p string) (string, error) {
	if err := Check(p); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(p), salt, passes, memoryKiB, lanes, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memoryKiB, passes, lanes, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether p is the PIN of an encoded hash, in time that does
// not depend on where they differ. It uses the cost written in the hash, so
// hashes made with another cost still verify.
func Verify(encoded, p string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("argon2 version %q is not supported", parts[2])
	}
	var m, t uint32
	var l uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &l); err != nil || m == 0 || t == 0 || l == 0 {
		return false, fmt.Errorf("argon2 parameters %q are not readable", parts[3])
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, errors.New("the salt is not readable")
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errors.New("the key is not readable")
	}
	got := argon2.IDKey([]byte(p), salt, t, m, l, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
