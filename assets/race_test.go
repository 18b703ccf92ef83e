//go:build race

package assets

// raceEnabled: the tests run under the race detector (make race), where
// decoding every shipped MP3 takes a minute; the plain run decodes them.
const raceEnabled = true
