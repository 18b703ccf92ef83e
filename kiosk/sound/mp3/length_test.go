package mp3_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"testing"
	"time"

	gomp3 "github.com/hajimehoshi/go-mp3"

	"onestop/assets"
	"onestop/kiosk/sound/mp3"
)

// Length walks the frame headers itself; it must give the length go-mp3's
// decoder gives, to the sample, on the fixtures and on every narration of
// the default pack, and refuse what go-mp3 cannot read.
func TestLengthAgreesWithDecoder(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range []string{"testdata/tone-440hz-2s.mp3", "testdata/tone-48khz.mp3"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	pack := assets.Content()
	err := fs.WalkDir(pack, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".mp3" {
			return err
		}
		b, err := fs.ReadFile(pack, name)
		files[name] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("only %d MP3 files found", len(files))
	}
	for name, b := range files {
		d, err := gomp3.NewDecoder(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: go-mp3: %v", name, err)
		}
		want := time.Duration(d.Length()/4) * time.Second / time.Duration(d.SampleRate())
		got, err := mp3.Length(bytes.NewReader(b), int64(len(b)))
		if err != nil || got != want {
			t.Errorf("%s: Length = %v, %v; go-mp3 says %v", name, got, err, want)
		}
		// An ID3 tag in front, and junk after the last frame, change nothing.
		tag := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x05hello"), b...)
		tagged := append(tag, "TAGjunk"...)
		if got, err := mp3.Length(bytes.NewReader(tagged), int64(len(tagged))); err != nil || got != want {
			t.Errorf("%s with a tag: Length = %v, %v; want %v", name, got, err, want)
		}
		// A tag longer than the window Length reads through.
		n := 40000
		big := append([]byte{'I', 'D', '3', 4, 0, 0, byte(n >> 21 & 0x7f), byte(n >> 14 & 0x7f), byte(n >> 7 & 0x7f), byte(n & 0x7f)}, make([]byte, n)...)
		big = append(big, b...)
		if got, err := mp3.Length(bytes.NewReader(big), int64(len(big))); err != nil || got != want {
			t.Errorf("%s after a 40 kB tag: Length = %v, %v; want %v", name, got, err, want)
		}
		// A file that cannot be read whole is an error, not a shorter sound.
		if d, err := mp3.Length(bytes.NewReader(b), int64(len(b))+5000); err == nil {
			t.Errorf("%s read short: Length = %v, want an error", name, d)
		}
	}
	for _, bad := range [][]byte{nil, []byte("ID3"), []byte("not an mp3 at all"), bytes.Repeat([]byte{0xff}, 64)} {
		if d, err := mp3.Length(bytes.NewReader(bad), int64(len(bad))); err == nil {
			t.Errorf("Length(%q) = %v, want an error", bad, d)
		}
	}
}
