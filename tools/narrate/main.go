// Command narrate makes the narration of a content pack: for every
// tutorial step and procedure that names a narration file, it reads the
// text aloud with espeak-ng's Vietnamese voice and encodes it with LAME as
// compact MP3 (mono, 32 kbit/s, 32 kHz). What was read is kept in
// narration.sum beside the pack's JSON files (a hash of the voice and the
// text per file), so only changed texts are read again and a test can tell
// when a narration no longer says what the screen says.
//
//	narrate [-check] [DIR]     DIR defaults to assets/content
//
// With -check it changes nothing and exits 1 if any narration is missing
// or stale.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"onestop/kiosk/content"
)

// Voice is how the text is read: espeak-ng's northern Vietnamese voice, a
// little slower than its default of 175 words a minute, for older ears.
var voice = []string{"-v", "vi", "-s", "140", "-p", "45"}

// Encoding of the MP3s: MPEG-1 (32 kHz), which the kiosk's decoder plays
// exactly; speech needs no more than 32 kbit/s mono.
var encoding = []string{"--quiet", "-m", "m", "-b", "32", "--resample", "32"}

// SumFile lists, per narration file, the hash of what it reads.
const SumFile = "narration.sum"

type job struct{ file, text string }

func main() {
	check := flag.Bool("check", false, "change nothing; exit 1 if any narration is missing or stale")
	flag.Parse()
	dir := "assets/content"
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	jobs, err := readJobs(dir)
	if err != nil {
		fail("%v", err)
	}
	sums := readSums(filepath.Join(dir, SumFile))
	var todo []job
	for _, j := range jobs {
		_, err := os.Stat(filepath.Join(dir, j.file))
		if err != nil || sums[j.file] != Sum(j.text) {
			todo = append(todo, j)
		}
	}
	if *check {
		for _, j := range todo {
			fmt.Printf("stale or missing: %s\n", j.file)
		}
		if len(todo) > 0 {
			fail("%d narration file(s) do not say what the pack says: run make narration", len(todo))
		}
		fmt.Printf("ok: %d narration files match their texts\n", len(jobs))
		return
	}
	for _, tool := range []string{"espeak-ng", "lame"} {
		if _, err := exec.LookPath(tool); err != nil && len(todo) > 0 {
			fail("%s is not installed (apt-get install espeak-ng lame)", tool)
		}
	}
	tmp, err := os.MkdirTemp("", "narrate-")
	if err != nil {
		fail("%v", err)
	}
	defer os.RemoveAll(tmp)
	for i, j := range todo {
		fmt.Printf("[%d/%d] %s\n", i+1, len(todo), j.file)
		if err := speak(j.text, filepath.Join(dir, j.file), tmp); err != nil {
			fail("%s: %v", j.file, err)
		}
		sums[j.file] = Sum(j.text)
	}
	// Forget files no longer narrated.
	keep := map[string]bool{}
	for _, j := range jobs {
		keep[j.file] = true
	}
	for f := range sums {
		if !keep[f] {
			delete(sums, f)
		}
	}
	if err := writeSums(filepath.Join(dir, SumFile), sums); err != nil {
		fail("%v", err)
	}
	fmt.Printf("%d narration files, %d made now\n", len(jobs), len(todo))
}

// readJobs lists the narration files the pack names, with their texts.
// It reads the JSON directly rather than loading the pack, which would
// refuse a pack whose narration is not made yet.
func readJobs(dir string) ([]job, error) {
	var tuts []content.Tutorial
	var procs []content.Procedure
	for name, v := range map[string]any{content.TutorialsFile: &tuts, content.ProceduresFile: &procs} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, v); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	}
	var jobs []job
	for _, t := range tuts {
		for _, s := range t.Steps {
			if s.Narration != "" {
				jobs = append(jobs, job{s.Narration, s.Spoken()})
			}
		}
	}
	for _, p := range procs {
		if p.Narration != "" {
			jobs = append(jobs, job{p.Narration, p.Spoken()})
		}
	}
	return jobs, nil
}

// Sum is the hash of a narration: the voice, the encoding and the text.
func Sum(text string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q\n%s", voice, encoding, text)
	return fmt.Sprintf("%x", h.Sum(nil))[:32]
}

func speak(text, out, tmp string) error {
	wav := filepath.Join(tmp, "speech.wav")
	args := append(append([]string{}, voice...), "-w", wav, text)
	if msg, err := exec.Command("espeak-ng", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("espeak-ng: %v: %s", err, msg)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	part := out + ".part"
	args = append(append([]string{}, encoding...), wav, part)
	if msg, err := exec.Command("lame", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("lame: %v: %s", err, msg)
	}
	return os.Rename(part, out)
}

func readSums(file string) map[string]string {
	sums := map[string]string{}
	b, err := os.ReadFile(file)
	if err != nil {
		return sums
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok {
			sums[name] = sum
		}
	}
	return sums
}

func writeSums(file string, sums map[string]string) error {
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", sums[n], n)
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "narrate: "+format+"\n", args...)
	os.Exit(1)
}
