using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TechLead.Feedback;

/// <summary>The four parts of a draft. Input has no closing: the drafter adds it.</summary>
internal sealed record SbiParts(string Situation, string Behavior, string Impact, string Closing = "")
{
    public static SbiParts Of(SbiInput input) => new(input.Situation, input.Behavior, input.Impact);

    public string Text(SbiPart part) => part switch
    {
        SbiPart.Situation => Situation,
        SbiPart.Behavior => Behavior,
        SbiPart.Impact => Impact,
        SbiPart.Closing => Closing,
        _ => "",
    };
}

/// <summary>
/// The deterministic SBI checker ("Leveling Up as a Tech Lead" (A. Fiser), ch. 5, plus labelled heuristics
/// beyond the book). No language model, no I/O:
/// the same text always gives the same findings. It runs on the user's input and on every draft.
/// </summary>
internal sealed class SbiChecker(IOptions<FeedbackOptions> options)
{
    private static readonly SbiPart[] Core = [SbiPart.Situation, SbiPart.Behavior, SbiPart.Impact];
    private static readonly SbiPart[] All = [SbiPart.Situation, SbiPart.Behavior, SbiPart.Impact, SbiPart.Closing];

    private static readonly Regex Filler = new(@"^(?:n/?a|none|nothing|tbd|todo|idk|test|asdf|x+|-+|\?+|\.+|same|ok|okay|yes|no|whatever|see\s+above)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Fewest words a part needs to say anything specific ("yesterday's standup" is a situation).</summary>
    private static int MinimumWords(SbiPart part) => part == SbiPart.Situation ? 2 : 3;

    /// <summary>Checks what the user wrote. <paramref name="today"/> is the team's local date (for staleness).</summary>
    public IReadOnlyList<SbiFinding> CheckInput(SbiInput input, DateOnly today)
    {
        var findings = new FindingList();
        var parts = SbiParts.Of(input);
        Structure(findings, parts);
        foreach (var part in Core.Where(input.HiddenCharactersRemoved.Contains))
        {
            findings.Add(FindingCatalog.HiddenCharacters, part);
        }

        if (input.ObservedOn is { } observed && Weeks(today.DayNumber - observed.DayNumber) > options.Value.StaleAfterWeeks)
        {
            var text = observed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            findings.Add(FindingCatalog.StaleTiming, SbiPart.ObservedOn, new TextSpan(0, text.Length, text),
                detail: $"{text} is {(today.DayNumber - observed.DayNumber) / 7} weeks ago; the limit is {options.Value.StaleAfterWeeks} weeks.");
        }

        if (!input.IsEnglish)
        {
            findings.Add(FindingCatalog.LanguageNotChecked, part: null);
            return findings.Ordered();
        }

        Wording(findings, input.Kind, parts, requireTime: input.ObservedOn is null, today);
        if (input.Kind == FeedbackKind.Constructive)
        {
            // The user's impact may end in an instruction; drafts replace it with one open question.
            Closing(findings, SbiPart.Impact, input.Impact);
        }

        return findings.Ordered();
    }

    /// <summary>Checks one draft: the same rules, plus how a constructive draft ends.</summary>
    public IReadOnlyList<SbiFinding> CheckDraft(SbiParts draft, SbiInput input, DateOnly today)
    {
        var findings = new FindingList();
        Structure(findings, draft);
        if (!input.IsEnglish)
        {
            return findings.Ordered();
        }

        Wording(findings, input.Kind, draft, requireTime: true, today);
        if (input.Kind == FeedbackKind.Constructive)
        {
            if (draft.Closing.Length > 0)
            {
                Closing(findings, SbiPart.Closing, draft.Closing);
            }
            else if (FeedbackText.Sentences(draft.Impact) is { Count: > 0 } sentences)
            {
                Closing(findings, SbiPart.Impact, draft.Impact, onlyFrom: sentences[^1].Start);
            }
        }

        return findings.Ordered();
    }

    private static void Structure(FindingList findings, SbiParts parts)
    {
        foreach (var part in Core)
        {
            var text = parts.Text(part);
            if (string.IsNullOrWhiteSpace(text))
            {
                findings.Add(FindingCatalog.MissingPart, part);
            }
            else if (FeedbackText.WordCount(text) < MinimumWords(part) || Filler.IsMatch(text.Trim().TrimEnd('.', '!')))
            {
                findings.Add(FindingCatalog.TrivialPart, part, new TextSpan(0, text.Length, text));
            }
        }
    }

    private void Wording(FindingList findings, FeedbackKind kind, SbiParts parts, bool requireTime, DateOnly today)
    {
        var situation = parts.Situation;
        if (situation.Length > 0)
        {
            if (requireTime && !Lexicon.Time.IsMatch(situation))
            {
                findings.Add(FindingCatalog.SituationNoTime, SbiPart.Situation);
            }

            if (!Lexicon.Place.IsMatch(situation))
            {
                findings.Add(FindingCatalog.SituationNoPlace, SbiPart.Situation);
            }

            if (!Lexicon.People.IsMatch(situation) && !Lexicon.NameLike.IsMatch(situation)
                && !Lexicon.People.IsMatch(parts.Behavior) && !Lexicon.NameLike.IsMatch(parts.Behavior))
            {
                findings.Add(FindingCatalog.SituationNoPeople, SbiPart.Situation);
            }

            StaleMentions(findings, situation, today);
        }

        foreach (var part in All)
        {
            var text = parts.Text(part);
            if (text.Length == 0)
            {
                continue;
            }

            findings.AddMatches(FindingCatalog.IntentOrMotive, part, text, Lexicon.IntentOrMotive);
            var interpretations = findings.AddMatches(FindingCatalog.InterpretationNotObservation, part, text, Lexicon.Interpretation);
            if (part == SbiPart.Behavior)
            {
                findings.AddMatches(FindingCatalog.PersonalityLabel, part, text, Lexicon.LabelAnywhere, group: "w");
                findings.AddMatches(FindingCatalog.DirectiveNotBehavior, part, text, Lexicon.Directive, toSentenceEnd: true);
            }

            findings.AddMatches(FindingCatalog.PersonalityLabel, part, text, Lexicon.LabelOfPerson, group: "w");
            // Removing "it seemed like" from "it seemed like you didn't prepare" would turn a reading into a claim: no fix there.
            findings.AddMatches(FindingCatalog.Hedge, part, text, Lexicon.Hedge, replacement: "", noFixInside: interpretations);
            findings.AddMatches(FindingCatalog.Absolute, part, text, Lexicon.Absolute);
            findings.AddMatches(FindingCatalog.GenderCodedWord, part, text, Lexicon.GenderCodedOfPerson, group: "w");
            findings.AddMatches(FindingCatalog.EmbeddedInstruction, part, text, Lexicon.EmbeddedInstruction);
            if (part is SbiPart.Behavior or SbiPart.Impact)
            {
                Vague(findings, FindingCatalog.VaguePraise, part, text, Lexicon.VaguePraise);
                Vague(findings, FindingCatalog.VagueCriticism, part, text, Lexicon.VagueCriticism);
                findings.AddMatches(FindingCatalog.EffortNotOutcome, part, text, Lexicon.Effort);
            }
        }

        if (parts.Behavior.Length > 0)
        {
            findings.AddMatches(FindingCatalog.MultipleTopics, SbiPart.Behavior, parts.Behavior, Lexicon.AnotherTopic);
            var items = Lexicon.ListItem.Matches(parts.Behavior);
            if (items.Count >= 2)
            {
                findings.Add(FindingCatalog.MultipleTopics, SbiPart.Behavior, Span(parts.Behavior, items[1].Index, items[1].Length));
            }
        }

        if (parts.Impact.Length > 0 && !Lexicon.Speaker.IsMatch(parts.Impact) && !Lexicon.TeamOrWork.IsMatch(parts.Impact))
        {
            findings.Add(FindingCatalog.ImpactNoEffect, SbiPart.Impact);
        }
        else if (parts.Impact.Length > 0 && !Lexicon.ConcreteEffect.IsMatch(parts.Impact))
        {
            // Names who is affected ("the team") but not how: a vague effect phrase with nothing concrete anywhere in the impact.
            findings.AddMatches(FindingCatalog.ImpactNotConcrete, SbiPart.Impact, parts.Impact, Lexicon.VagueEffect);
        }

        if (kind == FeedbackKind.Constructive)
        {
            Sandwich(findings, parts);
        }
    }

    /// <summary>"full of bugs" is vague unless the same sentence names what, where or which.</summary>
    private static void Vague(FindingList findings, string code, SbiPart part, string text, Regex phrases)
    {
        foreach (Match match in phrases.Matches(text))
        {
            var sentence = FeedbackText.SentenceAround(text, match.Index);
            var rest = string.Concat(text.AsSpan(sentence.Start, match.Index - sentence.Start), " ", text.AsSpan(match.Index + match.Length, sentence.End - match.Index - match.Length));
            if (FeedbackText.ContentWordCount(rest) < 3)
            {
                findings.Add(code, part, Span(text, match.Index, match.Length));
            }
        }
    }

    private void StaleMentions(FindingList findings, string situation, DateOnly today)
    {
        foreach (Match match in Lexicon.AgoPhrase.Matches(situation))
        {
            var unit = match.Groups["unit"].Value.ToUpperInvariant().TrimEnd('S');
            var count = match.Groups["n"].Success ? Count(match.Groups["n"].Value) : 1;
            var weeks = unit switch
            {
                "WEEK" => count,
                "MONTH" => count * 4.35,
                "QUARTER" => 13,
                "YEAR" => count * 52,
                _ => 26, // last summer, winter, spring, autumn, fall
            };
            if (weeks > options.Value.StaleAfterWeeks)
            {
                findings.Add(FindingCatalog.StaleTiming, SbiPart.Situation, Span(situation, match.Index, match.Length));
            }
        }

        foreach (Match match in Lexicon.IsoDate.Matches(situation))
        {
            if (DateOnly.TryParseExact(match.Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                && Weeks(today.DayNumber - date.DayNumber) > options.Value.StaleAfterWeeks)
            {
                findings.Add(FindingCatalog.StaleTiming, SbiPart.Situation, Span(situation, match.Index, match.Length));
            }
        }
    }

    private static double Weeks(int days) => days / 7.0;

    private static double Count(string word) => word.ToUpperInvariant() switch
    {
        "A" or "AN" or "ONE" => 1,
        "SOME" => 2,
        "SEVERAL" or "FEW" => 3,
        "MANY" => 6,
        var w when w.StartsWith('A') => 3, // "a few"
        var w => Lexicon.NumberValue(w) ?? 1,
    };

    /// <summary>
    /// Praise inside constructive feedback is the bread of a feedback sandwich, whether it opens, closes or
    /// precedes a "but": the book gives praise separately, as its own positive feedback.
    /// </summary>
    private static void Sandwich(FindingList findings, SbiParts parts)
    {
        var clauses = All.SelectMany(part => FeedbackText.Clauses(parts.Text(part)).Select(c => (Part: part, Clause: c))).ToList();
        var praise = clauses.Where(c => Lexicon.Praise.IsMatch(c.Clause.Of(parts.Text(c.Part)))).ToList();
        if (praise.Count == 0 || praise.Count == clauses.Count)
        {
            return;
        }

        foreach (var (part, clause) in praise)
        {
            findings.Add(FindingCatalog.FeedbackSandwich, part, Span(parts.Text(part), clause.Start, clause.Length), replacement: "", text: parts.Text(part));
        }
    }

    /// <summary>At most one open question; never an instruction, plain or veiled as a yes/no question.</summary>
    private static void Closing(FindingList findings, SbiPart part, string text, int onlyFrom = 0)
    {
        var questions = 0;
        foreach (var sentence in FeedbackText.Sentences(text).Where(s => s.Start >= onlyFrom))
        {
            var body = Lexicon.SentenceOpener.Replace(sentence.Of(text), "", 1);
            var span = Span(text, sentence.Start, sentence.Length);
            if (!body.TrimEnd('"', '\'', '’', '”', ')').EndsWith('?'))
            {
                if (Lexicon.Instruction.IsMatch(body))
                {
                    findings.Add(FindingCatalog.ClosingInstruction, part, span, replacement: "", text: text);
                }

                continue;
            }

            questions++;
            if (Lexicon.VeiledInstruction.IsMatch(body))
            {
                findings.Add(FindingCatalog.ClosingInstruction, part, span, replacement: "", text: text);
            }
            else if (!Lexicon.OpenQuestion.IsMatch(body))
            {
                findings.Add(FindingCatalog.ClosingNotOpen, part, span, replacement: "", text: text);
            }
            else if (questions > 1)
            {
                findings.Add(FindingCatalog.MoreThanOneQuestion, part, span, replacement: "", text: text);
            }
        }
    }

    private static TextSpan Span(string text, int start, int length) => new(start, length, text.Substring(start, length));

    /// <summary>Collects findings once each (same code, part and span) and orders them by part and position.</summary>
    private sealed class FindingList
    {
        private readonly List<(SbiFinding Finding, string Text)> _findings = [];

        public void Add(string code, SbiPart? part, TextSpan? span = null, string? replacement = null, string? detail = null, string text = "")
        {
            if (_findings.Any(f => f.Finding.Code == code && f.Finding.Part == part && f.Finding.Span?.Start == span?.Start && f.Finding.Span?.Length == span?.Length))
            {
                return;
            }

            _findings.Add((new SbiFinding { Code = code, Part = part, Span = span, Replacement = replacement, Detail = detail }, text));
        }

        /// <summary>
        /// Adds a finding per match and returns their spans. <paramref name="toSentenceEnd"/> stretches a span to the end of its
        /// sentence (one finding per sentence then); a match overlapping one of <paramref name="noFixInside"/> gets no mechanical fix.
        /// </summary>
        public List<TextSpan> AddMatches(string code, SbiPart part, string text, Regex regex, string? group = null, string? replacement = null,
            bool toSentenceEnd = false, IReadOnlyList<TextSpan>? noFixInside = null)
        {
            var spans = new List<TextSpan>();
            foreach (Match match in regex.Matches(text))
            {
                var hit = group is null ? match : match.Groups[group];
                // A sentence-long span already covers a second hit in the same sentence ("Next time, you should…").
                if (!hit.Success || hit.Length == 0 || (toSentenceEnd && spans.Any(s => hit.Index < s.Start + s.Length)))
                {
                    continue;
                }

                var end = toSentenceEnd ? FeedbackText.SentenceAround(text, hit.Index).End : hit.Index + hit.Length;
                var span = Span(text, hit.Index, Math.Max(end, hit.Index + hit.Length) - hit.Index);
                var inside = noFixInside?.Any(s => span.Start < s.Start + s.Length && s.Start < span.Start + span.Length) == true;
                Add(code, part, span, inside ? null : replacement, text: text);
                spans.Add(span);
            }

            return spans;
        }

        public List<SbiFinding> Ordered() =>
            _findings
                .Select(f => f.Finding with { SuggestedRewrite = SuggestedRewrite(f.Finding, f.Text) })
                .OrderBy(f => f.Part ?? (SbiPart)(-1))
                .ThenBy(f => f.Span?.Start ?? -1)
                .ThenBy(f => f.Code, StringComparer.Ordinal)
                .ToList();

        private static string? SuggestedRewrite(SbiFinding finding, string text)
        {
            if (finding.Replacement is null || finding.Span is null || text.Length == 0)
            {
                return null;
            }

            var sentence = FeedbackText.SentenceAround(text, finding.Span.Start);
            var edited = FeedbackText.Replace(sentence.Of(text), [(new Segment(finding.Span.Start - sentence.Start, finding.Span.Length), finding.Replacement)]);
            return edited.Length == 0 ? null : FeedbackText.Capitalize(edited);
        }
    }
}
