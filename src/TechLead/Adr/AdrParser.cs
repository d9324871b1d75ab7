using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TechLead.Adr;

/// <summary>
/// Reads an ADR in the format of "Leveling Up as a Tech Lead" (A. Fiser, ch. 9), Nygard/adr-tools, MADR 3/4 or
/// log4brains. Never throws: a file it cannot place is <see cref="AdrFormat.Unrecognised"/> with whatever could be
/// found.
/// </summary>
public static partial class AdrParser
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    private static readonly string[] ReferenceGroups = ["adr", "file", "label"];

    private static readonly string[] FooterKeys = ["date", "status", "supersedes", "superseded by", "superceded by", "related adrs", "related adr", "related", "deciders"];

    public static AdrDocument Parse(string path, string? content)
    {
        path ??= "";
        if (string.IsNullOrWhiteSpace(content))
        {
            return Unrecognised(path, null, ["the file is empty"]);
        }

        try
        {
            return ParseCore(path, content);
        }
        catch (Exception e) when (e is YamlException or FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return Unrecognised(path, null, [$"the file could not be read as Markdown ({e.GetType().Name})"]);
        }
    }

    private static AdrDocument ParseCore(string path, string content)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        var (frontMatter, bodyStart) = ReadFrontMatter(lines);
        var body = lines[bodyStart..];
        var (footer, bodyEnd) = ReadFooter(body);
        body = body[..bodyEnd];

        var titleIndex = Array.FindIndex(body, l => l.StartsWith("# ", StringComparison.Ordinal));
        var rawTitle = titleIndex >= 0 ? body[titleIndex][2..].Trim() : null;
        var sections = ReadSections(body, titleIndex + 1);
        var preamble = sections.Count > 0 && sections[0].Level == 0 ? sections[0] : null;
        var preambleValues = preamble is null ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : KeyValues(preamble.Lines);

        var statusSection = Find(sections, "status");
        var isMadr = frontMatter.ContainsKey("status") || frontMatter.ContainsKey("date")
            || Find(sections, "considered options") is not null || Find(sections, "decision outcome") is not null;
        var hasStatusBullet = preamble is not null && preamble.Lines.Any(l => StatusBullet().IsMatch(l));
        var hasAdrSections = Find(sections, "context", prefix: true) is not null || Find(sections, "decision", prefix: true) is not null;
        var format = (isMadr, footer.Count > 0, statusSection is not null, hasStatusBullet) switch
        {
            (true, _, _, true) => AdrFormat.Log4brains,
            (true, _, _, false) => AdrFormat.Madr,
            (false, true, _, _) => AdrFormat.Book,
            (false, false, true, _) => AdrFormat.Nygard,
            (false, false, false, true) => AdrFormat.Log4brains,
            _ => hasAdrSections && rawTitle is not null ? AdrFormat.Nygard : AdrFormat.Unrecognised,
        };

        var (id, title) = IdAndTitle(path, rawTitle);
        var statusText = Value(frontMatter, "status") ?? Value(footer, "status")
            ?? (statusSection is null ? null : Paragraphs(statusSection.Lines).FirstOrDefault())
            ?? Value(preambleValues, "status");
        var dateText = Value(frontMatter, "date") ?? Value(footer, "date") ?? Value(preambleValues, "date");

        if (format == AdrFormat.Unrecognised)
        {
            return Unrecognised(path, rawTitle, WhatWasFound(rawTitle, statusText, dateText, content)) with
            {
                Id = id,
                Title = title,
                Status = NormaliseStatus(statusText),
                Date = dateText,
                DateValue = ParseDate(dateText),
            };
        }

        var contextSection = Find(sections, "context", prefix: true);
        var (context, bookOptions) = contextSection is null ? (null, new List<string>()) : SplitOptions(contextSection.Lines);
        var options = bookOptions.Count > 0 ? bookOptions
            : Find(sections, "considered options") is { } considered ? Bullets(considered.Lines).Select(StripEmphasis).ToList()
            : FindOptionsAnywhere(sections);

        var decisionSection = Find(sections, "decision outcome") ?? Find(sections, "decision");
        var decision = decisionSection is null ? null : JoinParagraphs(decisionSection.Lines);

        var (good, bad, unclassified, notes) = ReadConsequences(sections);

        var allText = string.Join('\n', lines);
        var supersededBy = References(SupersededByLine().Matches(allText).Select(m => m.Groups["ref"].Value))
            .Concat(References(Value(footer, "superseded by") ?? Value(footer, "superceded by")))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var supersedes = References(SupersedesLine().Matches(allText).Select(m => m.Groups["ref"].Value))
            .Concat(References(Value(footer, "supersedes")))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var supersedesNone = supersedes.Count == 0 && Value(footer, "supersedes") is { } none && NoneValue().IsMatch(none);
        var related = References(Value(footer, "related adrs") ?? Value(footer, "related adr") ?? Value(footer, "related")).ToList();

        return new AdrDocument
        {
            Path = path,
            Format = format,
            Id = id,
            Title = title,
            Status = NormaliseStatus(statusText),
            Date = dateText,
            DateValue = ParseDate(dateText),
            Context = string.IsNullOrWhiteSpace(context) ? null : context,
            Options = options,
            Decision = string.IsNullOrWhiteSpace(decision) ? null : decision,
            Good = good,
            Bad = bad,
            Unclassified = unclassified,
            Notes = notes,
            Supersedes = supersedes,
            SupersededBy = supersededBy,
            SupersedesNone = supersedesNone,
            Related = related,
        };
    }

    /// <summary>"ADR-0001" from the title ("ADR-0001: Use PostgreSQL", "2. Publish events") or the file name.</summary>
    private static (string Id, string? Title) IdAndTitle(string path, string? rawTitle)
    {
        if (rawTitle is not null)
        {
            var match = TitleWithId().Match(rawTitle);
            if (match.Success)
            {
                return (FormatId(match.Groups["n"].Value), StripEmphasis(match.Groups["title"].Value.Trim()));
            }
        }

        var fileName = System.IO.Path.GetFileNameWithoutExtension(path);
        var fromFile = FileNumber().Match(fileName);
        var title = rawTitle is null ? null : StripEmphasis(rawTitle);
        return fromFile.Success ? (FormatId(fromFile.Groups["n"].Value), title) : (fileName.Length > 0 ? fileName : "ADR", title);
    }

    private static string FormatId(string digits) =>
        string.Create(CultureInfo.InvariantCulture, $"ADR-{int.Parse(digits, CultureInfo.InvariantCulture):D4}");

    private static (Dictionary<string, string> Values, int BodyStart) ReadFrontMatter(string[] lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return (values, 0);
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() is "---" or "...");
        if (end < 0)
        {
            return (values, 0);
        }

        var yaml = string.Join('\n', lines[1..end]);
        try
        {
            if (Yaml.Deserialize<Dictionary<string, object?>>(yaml) is { } map)
            {
                foreach (var (key, value) in map)
                {
                    values[key.Trim()] = value switch
                    {
                        null => "",
                        IEnumerable<object?> list when value is not string => string.Join(", ", list),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                    };
                }
            }
        }
        catch (YamlException)
        {
            // Not YAML after all (e.g. a horizontal rule at the top): treat the file as having no front matter.
            return (new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), 0);
        }

        return (values, end + 1);
    }

    /// <summary>The book's footer: a last <c>---</c> followed only by "*Key:* value" lines with known keys.</summary>
    private static (Dictionary<string, string> Values, int BodyEnd) ReadFooter(string[] body)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rule = Array.FindLastIndex(body, l => l.Trim() is "---" or "***" or "___");
        if (rule < 0)
        {
            return (values, body.Length);
        }

        foreach (var line in body[(rule + 1)..].Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var match = KeyValue().Match(line);
            var key = match.Success ? match.Groups["key"].Value.Trim().ToLowerInvariant() : null;
            if (key is null || !FooterKeys.Contains(key))
            {
                return (new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), body.Length);
            }

            values[key] = StripEmphasis(match.Groups["value"].Value.Trim());
        }

        return values.ContainsKey("status") || values.ContainsKey("date") ? (values, rule) : (new(StringComparer.OrdinalIgnoreCase), body.Length);
    }

    private sealed record Section(int Level, string Heading, List<string> Lines);

    /// <summary>Level-2 and level-3 sections; text between the title and the first section is a level-0 preamble.</summary>
    private static List<Section> ReadSections(string[] body, int start)
    {
        var sections = new List<Section> { new(0, "", []) };
        var inFence = false;
        foreach (var line in body[Math.Max(0, start)..])
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            var heading = inFence ? Match.Empty : Heading().Match(line);
            if (heading.Success)
            {
                sections.Add(new(heading.Groups["hashes"].Length, StripEmphasis(heading.Groups["text"].Value.Trim()), []));
            }
            else
            {
                sections[^1].Lines.Add(line);
            }
        }

        return sections;
    }

    private static Section? Find(List<Section> sections, string name, bool prefix = false) =>
        sections.FirstOrDefault(s => s.Level > 0 && (prefix
            ? s.Heading.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            : string.Equals(s.Heading, name, StringComparison.OrdinalIgnoreCase)));

    private static Dictionary<string, string> KeyValues(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var match = KeyValue().Match(line);
            if (match.Success)
            {
                values.TryAdd(match.Groups["key"].Value.Trim(), StripEmphasis(match.Groups["value"].Value.Trim()));
            }
        }

        return values;
    }

    /// <summary>The book puts "Options considered:" and a list inside Context; the rest of the section is the context.</summary>
    private static (string? Context, List<string> Options) SplitOptions(List<string> lines)
    {
        var marker = lines.FindIndex(l => OptionsMarker().IsMatch(l));
        if (marker < 0)
        {
            return (JoinParagraphs(lines), []);
        }

        var options = new List<string>();
        var end = marker + 1;
        for (; end < lines.Count; end++)
        {
            var bullet = Bullet().Match(lines[end]);
            if (bullet.Success)
            {
                options.Add(StripEmphasis(bullet.Groups["text"].Value.Trim()));
            }
            else if (!string.IsNullOrWhiteSpace(lines[end]))
            {
                break;
            }
        }

        var rest = lines.Take(marker).Concat(lines.Skip(end)).ToList();
        return (JoinParagraphs(rest), options);
    }

    private static List<string> FindOptionsAnywhere(List<Section> sections) =>
        sections.Select(s => SplitOptions(s.Lines).Options).FirstOrDefault(o => o.Count > 0) ?? [];

    private static (List<string> Good, List<string> Bad, List<string> Unclassified, List<string> Notes) ReadConsequences(List<Section> sections)
    {
        List<string> good = [], bad = [], unclassified = [], notes = [];
        if (Find(sections, "positive consequences", prefix: true) is { } positive)
        {
            good.AddRange(Bullets(positive.Lines).Select(b => Classify(b).Text));
        }

        if (Find(sections, "negative consequences", prefix: true) is { } negative)
        {
            bad.AddRange(Bullets(negative.Lines).Select(b => Classify(b).Text));
        }

        if (Find(sections, "consequences") is not { } consequences)
        {
            return (good, bad, unclassified, notes);
        }

        var bullets = Bullets(consequences.Lines).Select(Classify).ToList();
        good.AddRange(bullets.Where(b => b.Kind == '+').Select(b => b.Text));
        bad.AddRange(bullets.Where(b => b.Kind == '-').Select(b => b.Text));
        var marked = bullets.Any(b => b.Kind is '+' or '-');
        unclassified.AddRange(bullets.Where(b => b.Kind == '?').Select(b => b.Text));
        var prose = Paragraphs(consequences.Lines.Where(l => !Bullet().IsMatch(l)));
        // With marked bullets, free text beside them is a remark (the book's dissent note); without, it is the consequences.
        (marked ? notes : unclassified).AddRange(prose);
        return (good, bad, unclassified, notes);
    }

    private static (char Kind, string Text) Classify(string bullet)
    {
        var match = ConsequenceMark().Match(bullet);
        if (!match.Success)
        {
            return ('?', StripEmphasis(bullet));
        }

        var text = StripEmphasis(bullet[match.Length..].Trim());
        var kind = match.Groups["good"].Success ? '+' : match.Groups["bad"].Success ? '-' : '?';
        return (kind, text);
    }

    private static List<string> Bullets(IEnumerable<string> lines)
    {
        var bullets = new List<string>();
        foreach (var line in lines)
        {
            var match = Bullet().Match(line);
            if (match.Success)
            {
                bullets.Add(match.Groups["text"].Value.Trim());
            }
            else if (bullets.Count > 0 && line.Length > 0 && char.IsWhiteSpace(line[0]) && !string.IsNullOrWhiteSpace(line))
            {
                bullets[^1] += " " + line.Trim();
            }
        }

        return bullets;
    }

    private static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(StripEmphasis(string.Join(' ', current)));
                    current.Clear();
                }
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        return paragraphs;
    }

    private static string? JoinParagraphs(IEnumerable<string> lines)
    {
        var paragraphs = Paragraphs(lines);
        return paragraphs.Count == 0 ? null : string.Join("\n\n", paragraphs);
    }

    private static string? Value(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>ADR references in free text: "ADR-0005", "[5. Use X](0005-use-x.md)", "_None_" (nothing).</summary>
    private static IEnumerable<string> References(string? text) => text is null ? [] : References([text]);

    private static IEnumerable<string> References(IEnumerable<string> texts)
    {
        foreach (var raw in texts)
        {
            foreach (var part in raw.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var text = StripEmphasis(part).Trim();
                if (text.Length == 0 || NoneValue().IsMatch(text))
                {
                    continue;
                }

                var reference = ReferenceId().Match(text);
                if (reference.Success)
                {
                    var digits = ReferenceGroups.Select(g => reference.Groups[g]).First(g => g.Success).Value;
                    yield return FormatId(digits);
                }
                else
                {
                    // A Markdown link without a number ("[use-backstage](use-backstage.md)"): its text names the ADR.
                    yield return MarkdownLink().Replace(text, "${text}");
                }
            }
        }
    }

    public static string? NormaliseStatus(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        return lower switch
        {
            _ when SupersededWord().IsMatch(lower) => "Superseded",
            _ when lower.Contains("rejected", StringComparison.Ordinal) => "Rejected",
            _ when lower.Contains("deprecated", StringComparison.Ordinal) => "Deprecated",
            _ when lower.Contains("accepted", StringComparison.Ordinal) => "Accepted",
            _ when lower.Contains("proposed", StringComparison.Ordinal) => "Proposed",
            _ when lower.Contains("draft", StringComparison.Ordinal) => "Draft",
            _ => StripEmphasis(text.Split('\n')[0].Trim()),
        };
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var iso = IsoDate().Match(text);
        if (iso.Success && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) ? date : null;
    }

    private static AdrDocument Unrecognised(string path, string? rawTitle, IReadOnlyList<string> found) => new()
    {
        Path = path,
        Format = AdrFormat.Unrecognised,
        Id = System.IO.Path.GetFileNameWithoutExtension(path) is { Length: > 0 } stem ? stem : "ADR",
        Title = rawTitle,
        Found = found,
    };

    private static List<string> WhatWasFound(string? title, string? status, string? date, string content)
    {
        var found = new List<string>();
        if (title is not null)
        {
            found.Add($"a title: {StripEmphasis(title)}");
        }

        if (status is not null)
        {
            found.Add($"a status: {StripEmphasis(status.Split('\n')[0])}");
        }

        var anyDate = date;
        if (anyDate is null && IsoDate().Match(content) is { Success: true } match)
        {
            anyDate = match.Value;
        }

        if (anyDate is not null)
        {
            found.Add($"a date: {anyDate}");
        }

        var headings = content.Split('\n').Count(l => l.TrimStart().StartsWith('#'));
        var words = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        found.Add(string.Create(CultureInfo.InvariantCulture, $"{headings} headings and {words} words, but no Context/Decision/Status structure of a known ADR format"));
        return found;
    }

    private static string StripEmphasis(string text) => Emphasis().Replace(text.Trim(), "${inner}").Trim();

    [GeneratedRegex(@"^(?:ADR[-\s_]?0*(?<n>\d{1,5})|0*(?<n>\d{1,5})\.)\s*[:.\-–—]?\s*(?<title>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleWithId();

    [GeneratedRegex(@"^(?:adr[-_]?)?0*(?<n>\d{1,5})(?=[-_.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex FileNumber();

    [GeneratedRegex(@"^(?<hashes>#{2,3})\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:[-*+]\s+)?[*_]{0,2}(?<key>[A-Za-z][A-Za-z ]{1,24}?)[*_]{0,2}\s*:\s*[*_]{0,2}(?=\s|$)\s*(?<value>.*?)\s*$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^\s*[-*+]\s+[*_]{0,2}status[*_]{0,2}\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex StatusBullet();

    [GeneratedRegex(@"^\s*[*_]{0,2}(?:options considered|considered options|alternatives considered|alternatives)[*_]{0,2}\s*:?[*_]{0,2}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OptionsMarker();

    [GeneratedRegex(@"^\s{0,3}(?:[-*+]|\d+[.)])\s+(?<text>.+)$")]
    private static partial Regex Bullet();

    // Marks the formats use: the book's check and cross signs (and their GitHub shortcodes), MADR's "Good, because" /
    // "Bad, because" / "Neutral, because", and plain "Pro:"/"Con:" prefixes.
    [GeneratedRegex(@"^(?:(?<good>✅|✔️?|✓|☑️?|👍|:white_check_mark:|:heavy_check_mark:|\[\+\]|good\b,?(?:\s*because)?:?|pro:|positive:)|(?<bad>❌|✖️?|✗|✘|❎|👎|:x:|:heavy_multiplication_x:|\[-\]|bad\b,?(?:\s*because)?:?|con:|negative:)|(?<neutral>neutral\b,?(?:\s*because)?:?))\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ConsequenceMark();

    [GeneratedRegex(@"super[sc]eded\s+by\b[:\s]*(?<ref>[^\n]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SupersededByLine();

    [GeneratedRegex(@"^[\s>*_-]*supersedes\b[*_]*\s*:?[*_]*\s*(?<ref>[^\n]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex SupersedesLine();

    [GeneratedRegex(@"\bsuper[sc]eded\b")]
    private static partial Regex SupersededWord();

    [GeneratedRegex(@"ADR[-\s_]?0*(?<adr>\d{1,5})\b|\((?:[^)]*/)?(?:adr-)?0*(?<file>\d{1,5})-[^)]*\.md\)|\[0*(?<label>\d{1,5})\.\s", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceId();

    [GeneratedRegex(@"^(?:none|n/a|-|—|nothing)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex NoneValue();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:\*\*|__|\*|_)(?<inner>.+?)(?:\*\*|__|\*|_)$")]
    private static partial Regex Emphasis();
}
