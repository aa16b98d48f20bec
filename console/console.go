// Package console is a terminal channel for the conversation engine: the same engine the
// Telegram bot uses, so anyone can try Sama Yoon (and script it) with nothing installed.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/samayoon/samayoon/flows"
)

// Engine is the part of flows.Engine the console drives.
type Engine interface {
	Handle(ctx context.Context, chat flows.Chat, in flows.Input) ([]flows.Reply, error)
	Unavailable(chat flows.Chat) []flows.Reply
}

// Options tune a console session.
type Options struct {
	ChatID string // session key; default "console:local"
	Lang   string // platform language reported to the engine, e.g. "fr"
	Echo   bool   // print each input line, for readable transcripts of piped input
}

// maxLine caps one input line so a pasted blob cannot grow memory without bound.
const maxLine = 64 * 1024

// Run greets the user with /start, then reads lines from in until EOF or ctx ends.
func Run(ctx context.Context, eng Engine, in io.Reader, out io.Writer, opt Options) error {
	if opt.ChatID == "" {
		opt.ChatID = "console:local"
	}
	chat := flows.Chat{ID: opt.ChatID, PlatformLang: opt.Lang, CanLocate: true}
	s := &session{eng: eng, chat: chat, out: out}
	if err := s.send(ctx, flows.Input{Kind: flows.InputCommand, Command: "start"}); err != nil {
		return err
	}
	lines := make(chan string)
	errc := make(chan error, 1)
	go readLines(in, lines, errc)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			return err
		case line := <-lines:
			if opt.Echo {
				fmt.Fprintf(out, "> %s\n", line)
			}
			if err := s.send(ctx, s.parse(line)); err != nil {
				return err
			}
		}
	}
}

// readLines feeds lines to the loop; it reports nil at EOF.
func readLines(in io.Reader, lines chan<- string, errc chan<- error) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 4096), maxLine)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" {
			lines <- line
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		errc <- fmt.Errorf("console: reading input: %w", err)
		return
	}
	errc <- nil
}

// session remembers the last choices shown, so a typed number can select one.
type session struct {
	eng     Engine
	chat    flows.Chat
	out     io.Writer
	choices []flows.Choice
}

// send hands one input to the engine and prints what comes back.
func (s *session) send(ctx context.Context, in flows.Input) error {
	replies, err := s.eng.Handle(ctx, s.chat, in)
	if err != nil {
		if errors.Is(err, flows.ErrDuplicate) {
			return nil
		}
		replies = s.eng.Unavailable(s.chat)
	}
	for _, r := range replies {
		s.print(r)
	}
	return nil
}

// parse turns a typed line into an input: a number picks a shown choice, "/cmd args" is a
// command, "@lat,lon" shares a location, anything else is text (the engine matches labels).
func (s *session) parse(line string) flows.Input {
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(s.choices) {
		return flows.Input{Kind: flows.InputChoice, Choice: s.choices[n-1].ID}
	}
	if strings.HasPrefix(line, "/") && len(line) > 1 {
		cmd, args, _ := strings.Cut(line[1:], " ")
		cmd, _, _ = strings.Cut(cmd, "@")
		return flows.Input{Kind: flows.InputCommand, Command: strings.ToLower(cmd), Args: strings.TrimSpace(args)}
	}
	if p, ok := parsePoint(line); ok {
		return flows.Input{Kind: flows.InputLocation, Point: p}
	}
	return flows.Input{Kind: flows.InputText, Text: line}
}

// parsePoint reads "@14.79,-15.87" as a shared location.
func parsePoint(line string) (flows.Point, bool) {
	rest, ok := strings.CutPrefix(line, "@")
	if !ok {
		return flows.Point{}, false
	}
	a, b, ok := strings.Cut(rest, ",")
	if !ok {
		return flows.Point{}, false
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return flows.Point{}, false
	}
	return flows.Point{Lat: lat, Lon: lon}, true
}

// print writes one reply: text, place, contact, then its choices numbered from 1.
func (s *session) print(r flows.Reply) {
	fmt.Fprintln(s.out, r.Text)
	if p := r.Place; p != nil {
		fmt.Fprintf(s.out, "📍 %s — %s (%.5f, %.5f)\n", p.Name, p.Address, p.Lat, p.Lon)
	}
	if c := r.Contact; c != nil {
		fmt.Fprintf(s.out, "📞 %s: %s\n", c.Name, c.Phone)
	}
	if len(r.Choices) > 0 { // a reply without buttons leaves the question above answerable
		s.choices = s.choices[:0]
	}
	for _, row := range r.Choices {
		for _, c := range row {
			s.choices = append(s.choices, c)
			fmt.Fprintf(s.out, "  %d. %s\n", len(s.choices), c.Label)
		}
	}
	if r.AskLocation {
		fmt.Fprintf(s.out, "  %s: @lat,lon\n", r.LocationLabel)
	}
	fmt.Fprintln(s.out)
}
