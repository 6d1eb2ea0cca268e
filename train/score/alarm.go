package score

import (
	"fmt"
	"strings"
)

// Thresholds of the collapse alarm.
const (
	// AlarmCoverage is the fewest classes of ten that healthy samples cover.
	AlarmCoverage = 8
	// AlarmShare is the largest share one class may take.
	AlarmShare = 0.4
)

// CollapseAlarm returns one line saying how the samples look collapsed
// (fewer than AlarmCoverage classes covered, or one class over AlarmShare
// of them), or "" when they do not.
func CollapseAlarm(c *Classes) string {
	var why []string
	if c.Coverage < AlarmCoverage {
		why = append(why, fmt.Sprintf("only %d of %d digits have %.0f%% of the samples or more", c.Coverage, len(c.Shares), 100*MinShare))
	}
	top := 0
	for k, s := range c.Shares {
		if s > c.Shares[top] {
			top = k
		}
	}
	if len(c.Shares) > 0 && c.Shares[top] > AlarmShare {
		why = append(why, fmt.Sprintf("digit %d takes %.0f%% of them", top, 100*c.Shares[top]))
	}
	if len(why) == 0 {
		return ""
	}
	return "collapse alarm: " + strings.Join(why, ", and ") + " (the generator may have collapsed)"
}
