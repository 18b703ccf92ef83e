package app

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/packfile"
	"onestop/kiosk/search"
)

// PackInstaller installs a signed content pack from a file and loads the
// kiosk's content as it then stands, for the admin's packs screen.
type PackInstaller interface {
	Installed() (*packfile.Manifest, error)
	Install(file string) (packfile.Manifest, *content.Pack, error)
}

// packsState is the packs screen's last outcome.
type packsState struct {
	status string
	busy   bool // an install is being checked
}

type packsScreen struct{ k *Kiosk }

func newPacksScreen(k *Kiosk, _ string) screen { return &packsScreen{k: k} }

// packFiles are the .zip files at the top of the USB sticks plugged in.
func (k *Kiosk) packFiles() []string {
	var files []string
	for _, d := range k.usbDrives() {
		found, _ := filepath.Glob(filepath.Join(d, "*.zip"))
		files = append(files, found...)
	}
	slices.Sort(files)
	return files
}

func (s *packsScreen) view() fyne.CanvasObject {
	k := s.k
	say := func(msg string, bold bool) fyne.CanvasObject {
		return newText(msg, textOpts{size: sizeBody, bold: bold, wrap: fyne.TextWrapWord})
	}
	if k.svc.Packs == nil || k.staff == nil {
		return k.staffFrame(k.t("packs_title"), say(k.t("packs_off"), false))
	}
	if k.staff.packs == nil {
		k.staff.packs = &packsState{}
	}
	ps := k.staff.packs
	lines := []fyne.CanvasObject{}
	switch m, err := k.svc.Packs.Installed(); {
	case err != nil:
		lines = append(lines, say(err.Error(), false))
	case m == nil:
		lines = append(lines, say(k.t("packs_builtin"), false))
	default:
		expires := m.Expires // a date as residents and clerks write it: 30/06/2027
		if d, err := time.Parse(time.DateOnly, m.Expires); err == nil {
			expires = d.Format("02/01/2006")
		}
		lines = append(lines, say(k.tf("packs_installed", m.Name, m.Version, expires), false))
	}
	if k.nextPack != nil {
		lines = append(lines, say(k.t("packs_pending"), true))
	}
	if ps.status != "" {
		lines = append(lines, say(ps.status, true))
	}
	files := k.packFiles()
	var rows []fyne.CanvasObject
	for _, f := range files {
		if ps.busy {
			break // one install at a time
		}
		rows = append(rows, k.wideButton(theme.DownloadIcon(), k.tf("packs_install", filepath.Base(f)), styleTile, k.staffAct(func() { k.installPack(f) })))
	}
	if len(files) == 0 {
		rows = append(rows, say(k.t("packs_no_stick"), false),
			k.wideButton(theme.ViewRefreshIcon(), k.t("packs_look_again"), styleTile, k.staffAct(k.redraw)))
	}
	return k.staffFrame(k.t("packs_title"), container.NewVBox(append(lines, rows...)...))
}

// installPack installs a pack file; the kiosk takes it at the next idle
// reset, when no resident is using it.
func (k *Kiosk) installPack(file string) {
	ps, by := k.staff.packs, k.staff.member.ID
	if ps.busy {
		return
	}
	ps.busy, ps.status = true, k.t("packs_checking")
	k.redraw()
	k.background(func() {
		m, pack, err := k.svc.Packs.Install(file)
		fyne.Do(func() {
			ps.busy = false
			if err != nil {
				ps.status = k.tf("packs_refused", err)
				k.log.Printf("content pack %s refused: %v", file, err)
			} else {
				k.nextPack = pack
				ps.status = k.tf("packs_done", m.Name, m.Version)
				if k.svc.Roster != nil {
					if err := k.svc.Roster.Log(context.Background(), by, kiosk.AuditSettings, fmt.Sprintf(kiosk.DetailPack, m.Name, m.Version, file)); err != nil {
						k.log.Print(err)
					}
				}
			}
			if k.route.Kind == RoutePacks {
				k.redraw()
			}
		})
	})
}

// OfferPack hands the kiosk a pack installed behind its back (fetched
// from the collector): it is taken at the next idle reset, as an admin's.
func (k *Kiosk) OfferPack(p *content.Pack) {
	fyne.Do(func() {
		k.nextPack = p
		if k.route.Kind == RoutePacks {
			k.redraw()
		}
	})
}

// usePack makes p the kiosk's content, between two residents: the search
// index, the pictures drawn, the settings and the theme follow it.
func (k *Kiosk) usePack(p *content.Pack) {
	k.pack = p
	k.current.Store(p)
	k.index = search.New(p)
	k.picMu.Lock()
	k.pictures = map[pictureKey]image.Image{}
	k.picMu.Unlock()
	if odd := outsideBundledFont(p, nil); len(odd) > 0 {
		k.log.Printf("the new content has characters the kiosk's font may lack (%q): they may show as boxes until the kiosk restarts", string(odd))
	}
	k.idle.Warn = p.Settings.WarnTimeout()
	k.loadSettings()
	if k.onPack != nil {
		k.onPack(p)
	}
	k.applyTheme()
	k.log.Printf("content: now %s", p.Source)
}
