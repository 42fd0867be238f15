// Command errorcheck verifies a compiler diagnostic log (go build
// -gcflags=-m) against `// ERROR "regex" ...` annotations in Go source, in
// the manner of golang/go's test/run.go errorcheck mode:
//
//   - every regex of an annotated line matches at least one diagnostic
//     printed for that line;
//   - every diagnostic printed for a line under -dir is matched by at least
//     one regex of that line's annotation (so unannotated lines must be
//     silent).
//
// The text between the double quotes is the regexp as is, matched
// unanchored against the message that follows "file:line:col: ".
// Log paths are relative to the module root, as go build prints them, so
// -dir must be the annotated package's path in the same form (e.g. escape).
//
// It exits 1 and lists every mismatch when the two disagree.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	diagnosticRx = regexp.MustCompile(`^([^:\s]+\.go):(\d+):\d+: (.*)$`)
	annotationRx = regexp.MustCompile(`// ERROR (.*)$`)
	quotedRx     = regexp.MustCompile(`"([^"]*)"`)
)

func main() {
	var (
		logPath = flag.String("log", "", "diagnostic log (stderr of go build -gcflags=-m)")
		root    = flag.String("root", ".", "module root the log's paths are relative to")
		dir     = flag.String("dir", "", "annotated package directory, relative to -root")
	)
	flag.Parse()
	if *logPath == "" || *dir == "" {
		flag.Usage()
		os.Exit(2)
	}
	diags, err := readDiagnostics(*logPath, filepath.Clean(*dir)+"/")
	if err != nil {
		fatal(err)
	}
	wants, err := readAnnotations(*root, *dir)
	if err != nil {
		fatal(err)
	}
	problems := compare(diags, wants)
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		fmt.Printf("errorcheck: %d problems\n", len(problems))
		os.Exit(1)
	}
	fmt.Printf("errorcheck: %d annotated lines, %d diagnostics, all match\n", len(wants), countAll(diags))
}

// readDiagnostics returns the messages printed for each "file:line" under prefix.
func readDiagnostics(path, prefix string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	diags := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := diagnosticRx.FindStringSubmatch(sc.Text())
		if m == nil || !strings.HasPrefix(m[1], prefix) {
			continue
		}
		key := m[1] + ":" + m[2]
		diags[key] = append(diags[key], m[3])
	}
	return diags, sc.Err()
}

// readAnnotations returns the regexes annotated on each "file:line" of the
// .go files in root/dir.
func readAnnotations(root, dir string) (map[string][]*regexp.Regexp, error) {
	files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
	if err != nil {
		return nil, err
	}
	wants := map[string][]*regexp.Regexp{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		rel := filepath.ToSlash(filepath.Join(dir, filepath.Base(file)))
		for i, line := range strings.Split(string(data), "\n") {
			m := annotationRx.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			key := fmt.Sprintf("%s:%d", rel, i+1)
			for _, q := range quotedRx.FindAllStringSubmatch(m[1], -1) {
				rx, err := regexp.Compile(q[1])
				if err != nil {
					return nil, fmt.Errorf("%s: bad regexp %q: %v", key, q[1], err)
				}
				wants[key] = append(wants[key], rx)
			}
			if len(wants[key]) == 0 {
				return nil, fmt.Errorf("%s: annotation without a quoted regexp", key)
			}
		}
	}
	return wants, nil
}

func compare(diags map[string][]string, wants map[string][]*regexp.Regexp) []string {
	var problems []string
	for key, rxs := range wants {
		for _, rx := range rxs {
			if !anyMatch(rx, diags[key]) {
				problems = append(problems, fmt.Sprintf("%s: no diagnostic matches %q (got %q)", key, rx, diags[key]))
			}
		}
	}
	for key, msgs := range diags {
		for _, msg := range msgs {
			matched := false
			for _, rx := range wants[key] {
				matched = matched || rx.MatchString(msg)
			}
			if !matched {
				problems = append(problems, fmt.Sprintf("%s: unexpected diagnostic %q", key, msg))
			}
		}
	}
	sort.Strings(problems)
	return problems
}

func anyMatch(rx *regexp.Regexp, msgs []string) bool {
	for _, m := range msgs {
		if rx.MatchString(m) {
			return true
		}
	}
	return false
}

func countAll(diags map[string][]string) int {
	n := 0
	for _, msgs := range diags {
		n += len(msgs)
	}
	return n
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "errorcheck:", err)
	os.Exit(2)
}
