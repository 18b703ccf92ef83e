package app

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// faceIcon is one of the four rating faces, 1 (unhappy) to 4 (very happy):
// drawn, not typed, so a resident who reads poorly can rate too, and no
// emoji font is needed.
func faceIcon(r int) fyne.Resource {
	colours := map[int]string{1: "#C62828", 2: "#E07B00", 3: "#7CB342", 4: "#1E7B34"}
	// The mouth: a frown for 1, flat for 2, a smile for 3, a wide smile for 4.
	mouths := map[int]string{
		1: `<path d="M40 84 Q64 66 88 84" fill="none" stroke="#FFFFFF" stroke-width="8" stroke-linecap="round"/>`,
		2: `<path d="M42 80 L86 80" fill="none" stroke="#FFFFFF" stroke-width="8" stroke-linecap="round"/>`,
		3: `<path d="M40 76 Q64 96 88 76" fill="none" stroke="#FFFFFF" stroke-width="8" stroke-linecap="round"/>`,
		4: `<path d="M36 72 Q64 108 92 72 Z" fill="#FFFFFF"/>`,
	}
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">`+
		`<circle cx="64" cy="64" r="60" fill="%s"/><circle cx="44" cy="50" r="8" fill="#FFFFFF"/><circle cx="84" cy="50" r="8" fill="#FFFFFF"/>%s</svg>`,
		colours[r], mouths[r])
	return fyne.NewStaticResource(fmt.Sprintf("face-%d.svg", r), []byte(svg))
}
