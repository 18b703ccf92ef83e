package main

import (
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"aead.dev/minisign"

	"onestop/kiosk"
	"onestop/kiosk/packfile"
	"onestop/kiosk/report"
)

// packDoes says what each signed-pack subcommand does, for its --help.
var packDoes = map[string]string{
	"keygen":  "Usage: kiosk content keygen --out NAME\n\nMakes a signing key pair: NAME.key (the private key, encrypted with a password asked\nfor, or read from KIOSK_KEY_PASSWORD) and NAME.pub (the public key, for the kiosks'\nsite.json trusted_keys). Keep NAME.key off the kiosks.\n",
	"sign":    "Usage: kiosk content sign --key NAME.key --name N --version V --expires DATE --out PACK.zip DIR\n\nChecks the content pack in DIR, then writes it as a signed pack: a zip with a manifest\n(name, version, issue and expiry dates, each file's SHA-256 and size) signed with\nminisign (Ed25519).\n",
	"verify":  "Usage: kiosk content verify [--data DIR] [--key NAME.pub] PACK.zip\n\nChecks a signed pack against every rule a kiosk applies before installing it: the\nsignature by a key the kiosk trusts (site.json's trusted_keys, or --key), every file's\nhash and size, a version newer than the installed one, not expired, plain paths only,\nunder the size limits, and the content check. Installs nothing.\n",
	"install": "Usage: kiosk content install [--data DIR] PACK.zip\n\nInstalls a signed pack as the kiosk's content when every rule holds (see verify); the\npack in use is kept as content.prev. A running kiosk takes it at its next start.\n",
	"list":    "Usage: kiosk content list [--data DIR]\n\nSays which signed pack is installed, the one before it, and the keys the kiosk trusts.\n",
}

func runPack(sub string, args []string) int {
	c := newCommand("content "+sub, packDoes[sub])
	switch sub {
	case "keygen":
		out := c.fs.String("out", "", "the key pair's name: NAME.key and NAME.pub are written (required)")
		if code, ok := c.parse(args); !ok {
			return code
		}
		if *out == "" {
			return c.usageError("--out NAME is required")
		}
		return keygen(c, *out)
	case "sign":
		key := c.fs.String("key", "", "the private key file (required)")
		name := c.fs.String("name", "", "the pack's name, the same for all its versions (required)")
		ver := c.fs.Int("version", 0, "the pack's version, greater than the last one signed (required)")
		issued := c.fs.String("issued", "", "the day it is issued (default: today)")
		expires := c.fs.String("expires", "", "the last day a kiosk may install it, YYYY-MM-DD (required)")
		out := c.fs.String("out", "", "the pack file to write (required)")
		c.operands(1, 1, "DIR")
		if code, ok := c.parse(args); !ok {
			return code
		}
		if *key == "" || *name == "" || *ver < 1 || *expires == "" || *out == "" {
			return c.usageError("--key, --name, --version (from 1), --expires and --out are required")
		}
		if *issued == "" {
			*issued = time.Now().In(report.ReportZone).Format(time.DateOnly)
		}
		priv, err := readKey(*key)
		if err != nil {
			return c.fail(err)
		}
		m := packfile.Manifest{Name: *name, Version: *ver, Issued: *issued, Expires: *expires}
		if err := kiosk.WriteFile(*out, func(w io.Writer) error { return packfile.Sign(c.fs.Arg(0), m, priv, w) }); err != nil {
			return c.fail(err)
		}
		fmt.Printf("%s: %s version %d, issued %s, expires %s\n", *out, *name, *ver, *issued, *expires)
		return 0
	case "verify":
		c.dataFlag("")
		pub := c.fs.String("key", "", "a public key file to trust instead of the data folder's trusted_keys")
		c.operands(1, 1, "PACK.zip")
		if code, ok := c.parse(args); !ok {
			return code
		}
		dir, err := c.dataDir()
		if err != nil {
			return c.fail(err)
		}
		check := packfile.Check{Now: time.Now()}
		if *pub != "" {
			k, err := minisign.PublicKeyFromFile(*pub)
			if err != nil {
				return c.fail(err)
			}
			check.Trusted = []minisign.PublicKey{k}
		} else if check.Trusted, err = packfile.TrustedKeys(dir); err != nil {
			return c.fail(err)
		}
		if check.Installed, err = packfile.Installed(dir); err != nil {
			return c.fail(err)
		}
		tmp, err := os.MkdirTemp("", "kiosk-verify-")
		if err != nil {
			return c.fail(err)
		}
		defer os.RemoveAll(tmp)
		m, err := packfile.Verify(c.fs.Arg(0), filepath.Join(tmp, "pack"), check)
		if err != nil {
			return c.fail(fmt.Errorf("refused: %w", err))
		}
		fmt.Printf("ok: %s version %d, %d files, issued %s, expires %s\n", m.Name, m.Version, len(m.Files), m.Issued, m.Expires)
		return 0
	case "install":
		c.dataFlag("")
		c.operands(1, 1, "PACK.zip")
		if code, ok := c.parse(args); !ok {
			return code
		}
		dir, err := c.prepareDataDir()
		if err != nil {
			return c.fail(err)
		}
		m, err := packfile.Install(c.fs.Arg(0), dir, time.Now())
		if err != nil {
			return c.fail(fmt.Errorf("refused, the kiosk keeps its pack: %w", err))
		}
		fmt.Printf("installed: %s version %d, %d files, expires %s\n", m.Name, m.Version, len(m.Files), m.Expires)
		return 0
	default: // list
		c.dataFlag("")
		if code, ok := c.parse(args); !ok {
			return code
		}
		dir, err := c.dataDir()
		if err != nil {
			return c.fail(err)
		}
		show := func(what string, m *packfile.Manifest) {
			if m == nil {
				fmt.Printf("%-10s none\n", what+":")
				return
			}
			fmt.Printf("%-10s %s version %d, %d files, issued %s, expires %s\n", what+":", m.Name, m.Version, len(m.Files), m.Issued, m.Expires)
		}
		cur, err := packfile.Installed(dir)
		if err != nil {
			return c.fail(err)
		}
		show("installed", cur)
		prev, err := packfile.Previous(dir)
		if err != nil {
			return c.fail(err)
		}
		show("before", prev)
		keys, err := packfile.TrustedKeys(dir)
		if err != nil {
			return c.fail(err)
		}
		if len(keys) == 0 {
			fmt.Println("trusted:   no key: add the province's public key to trusted_keys in site.json")
		}
		for _, k := range keys {
			fmt.Printf("trusted:   %s (key %X)\n", k.String(), k.ID())
		}
		return 0
	}
}

// keygen writes a key pair, the private key encrypted with a password.
func keygen(c *command, name string) int {
	for _, f := range []string{name + ".key", name + ".pub"} {
		if _, err := os.Stat(f); err == nil {
			return c.fail(fmt.Errorf("%s exists: keys are never overwritten", f))
		}
	}
	password, err := readSecret(os.Stdin, "KIOSK_KEY_PASSWORD", "Password for the private key: ", "The same password again: ")
	if err != nil {
		return c.fail(err)
	}
	if len(password) < 8 {
		return c.fail(fmt.Errorf("the password should have at least 8 characters"))
	}
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		return c.fail(err)
	}
	enc, err := minisign.EncryptKey(password, priv)
	if err != nil {
		return c.fail(err)
	}
	pubText, _ := pub.MarshalText()
	if err := os.WriteFile(name+".key", enc, 0o600); err != nil {
		return c.fail(err)
	}
	if err := os.WriteFile(name+".pub", append(pubText, '\n'), 0o644); err != nil {
		return c.fail(err)
	}
	fmt.Printf("%s.key (keep it safe) and %s.pub written; for the kiosks' site.json:\n  \"trusted_keys\": [%s]\n", name, name, strconv.Quote(pub.String()))
	return 0
}

// readKey reads and decrypts a private key file.
func readKey(file string) (minisign.PrivateKey, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return minisign.PrivateKey{}, err
	}
	password, err := readSecret(os.Stdin, "KIOSK_KEY_PASSWORD", "Password for "+file+": ", "")
	if err != nil {
		return minisign.PrivateKey{}, err
	}
	k, err := minisign.DecryptKey(password, b)
	if err != nil {
		return k, fmt.Errorf("%s: %w (wrong password?)", file, err)
	}
	return k, nil
}
