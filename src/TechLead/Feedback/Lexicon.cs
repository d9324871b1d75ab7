using System.Text.RegularExpressions;

namespace TechLead.Feedback;

/// <summary>
/// The word lists behind the checker, as case-insensitive regular expressions. Rules from the book "Leveling Up as a
/// Tech Lead" (A. Fiser), ch. 5, first; then the heuristics beyond the book, each with its source. English only.
/// </summary>
internal static class Lexicon
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const string Apostrophe = "['’]";

    // ---- Situation: when, where, who ------------------------------------------------------------------------
    private const string Weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private const string Months = "january|february|march|april|june|july|august|september|october|november|december";

    public static readonly Regex Time = Pattern(
        $@"\b(?:yesterday|today|tonight|this\s+(?:morning|afternoon|evening|week|sprint|month|quarter)|(?:last|past|previous)\s+(?:night|week|sprint|month|quarter|year|time|{Weekdays})"
        + $@"|(?:{Weekdays})(?:{Apostrophe}s)?|(?:{Months})\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{Months}|may)|(?:{Months})|may\s+\d{{1,2}}|in\s+may"
        + @"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|ago|earlier\s+today|the\s+other\s+day"
        + @"|(?:start|end|beginning|middle)\s+of\s+(?:the\s+)?(?:day|week|sprint|month|quarter)|(?:sprint|week)\s+\d+|q[1-4]"
        + @"|when\s+(?:we|you|I|the|our|your|they|she|he))\b");

    private const string Events =
        @"meeting|stand-?up|stand\s+up|retro|retrospective|planning|review|demo|1:1|1-on-1|one-on-one|call|sync|huddle|workshop|kick-?off"
        + @"|all-hands|town\s+hall|incident|post-?mortem|presentation|session|interview|offsite|conference|lunch|pairing|refinement|grooming";

    public static readonly Regex Place = Pattern(
        $@"(?:\b(?:{Events}|office|channel|slack|thread|e-?mail|chat|pr|pull\s+request|merge\s+request|design\s+doc|document|doc|ticket|issue|board"
        + @"|whiteboard|war\s+room|on-call|handover|release|deploy|deployment|rollout|launch|spec|rfc|adr|wiki|repo|repository|branch|comment|message"
        + @"|dm|zoom|video|hallway|kitchen|standup)s?\b|#[\w-]+"
        + @"|\b(?:in|at|during|on)\s+(?:the|our|your|my|this|that|a|an|today['’]s|yesterday['’]s|last\s+week['’]s|\w+day['’]s)\s+(?!morning|afternoon|evening|night|week|day|month|year|weekend)\w+)");

    public static readonly Regex People = Pattern(
        $@"\b(?:{Events}|team|everyone|everybody|colleagues?|clients?|customers?|stakeholders?|managers?|product\s+owner|designers?|qa|we|us|our"
        + @"|with|others|people|attendees|audience|group|engineers?|developers?|interns?|new\s+hire|cto|ceo|lead)\b");

    /// <summary>Capitalised words after the first: names in the situation or behaviour say who was there.</summary>
    public static readonly Regex NameLike = new(@"(?<=\S\s+)\b\p{Lu}\p{Ll}+\b", RegexOptions.CultureInvariant, Timeout);

    private const string Count = @"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|few|many|some";

    /// <summary>"six months ago", "3 weeks ago", "last year": groups n and unit feed the staleness test.</summary>
    public static readonly Regex AgoPhrase = Pattern($@"\b(?<n>{Count})\s+(?<unit>weeks?|months?|years?)\s+ago\b|\blast\s+(?<unit>year|quarter|summer|winter|spring|autumn|fall)\b");

    public static readonly Regex IsoDate = new(@"\b(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout);

    // ---- Behaviour: observable, not intent, not personality ---------------------------------------------------
    public static readonly Regex IntentOrMotive = Pattern(
        @"\b(?:on\s+purpose|deliberately|intentionally|purposely|knowingly|wil?fully)\b"
        + $@"|\byou\s+(?:didn{Apostrophe}t|did\s+not|don{Apostrophe}t|do\s+not|never)\s+(?:even\s+)?(?:care|bother|respect|value|think\s+about\s+(?:us|the\s+team|anyone|others))\b"
        + $@"|\byou\s+(?:didn{Apostrophe}t|did\s+not|don{Apostrophe}t|do\s+not)\s+take\s+(?:\w+\s+){{0,3}}?seriously\b"
        + $@"|\bcouldn{Apostrophe}t\s+(?:care\s+less|be\s+bothered)\b|\bdon{Apostrophe}t\s+care\s+about\b"
        + @"|\byou\s+(?:wanted|want|were\s+trying|tried|meant|intended|were\s+out)\s+to\s+(?:undermine|embarrass|humiliate|sabotage|show\s+off|look\s+good|get\s+back\s+at|annoy|punish|take\s+credit|make\s+\w+\s+look)\b"
        + @"|\bto\s+show\s+off\b|\bto\s+make\s+(?:me|us|them|him|her)\s+look\s+(?:bad|stupid|foolish|incompetent)\b"
        + $@"|\bbecause\s+you\s+(?:(?:don{Apostrophe}t|didn{Apostrophe}t|do\s+not|did\s+not)\s+(?:care|want|like|respect|value|think|trust)|wanted|want|think|thought|prefer|preferred)\b"
        + $@"|\byou\s+(?:clearly|obviously)\s+(?:don{Apostrophe}t|didn{Apostrophe}t|do\s+not|did\s+not|wanted|want|think|thought|care|felt|feel|were|are)\b"
        + $@"|\byou\s+(?:think|thought)\s+you(?:{Apostrophe}re|\s+are|\s+were)\s+(?:better|above|smarter|superior)\b|\bcent(?:er|re)\s+of\s+attention\b");

    /// <summary>
    /// Speech reported by the speaker ("you said you were not prepared to…", "you asked whether you should…") describes
    /// what the person said, an observation: the interpretation and directive rules skip it.
    /// </summary>
    private const string NotReported = @"(?<!\b(?:said|says|told\s+\w+|wrote|mentioned|explained|admitted|replied|answered|asked|whether|if|that)\s+)";

    private const string AWord = @"[\p{L}'’-]+";

    private const string Degree =
        @"(?:(?:so|very|really|too|quite|pretty|extremely|a\s+bit|a\s+little|kind\s+of|sort\s+of|clearly|obviously|visibly|completely|totally|rather|somewhat|increasingly)\s+)*";

    /// <summary>States of mind a speaker infers and cannot see: "you were distracted" is a reading, "you were on your phone" is not.</summary>
    private const string MindStates =
        "distracted|disengaged|uninterested|disinterested|bored|checked[\\s-]+out|zoned[\\s-]+out|unfocused|unmotivated|demotivated|unprepared|annoyed"
        + "|irritated|frustrated|upset|angry|mad|impatient|indifferent|confused|nervous|anxious|stressed|overwhelmed|tired|exhausted|preoccupied"
        + "|detached|withdrawn|uncomfortable|unhappy|reluctant|irritable|agitated|offended|bothered|defensive|dismissive|uninvested|apathetic";

    /// <summary>What "seemed", "looked", "sounded" or "appeared" can attribute: the states above, and readings such as "confident" or "unsure".</summary>
    private const string Readings =
        MindStates + "|confident|relaxed|happy|calm|sad|tense|skeptical|sceptical|unsure|uneasy|lost|excited|keen|pleased|relieved|surprised|worried"
        + "|concerned|puzzled|engaged|interested|distant|hesitant|unconvinced|eager|enthusiastic|motivated|annoying|rushed|absent|elsewhere"
        + "|(?:un|dis)(?!der\\b|til\\b|to\\b)\\p{L}+(?:ed|ful|ive|able|ing)";

    /// <summary>
    /// Interpretation instead of observation (SBI practice beyond the book's wording; the book: behaviour is observable):
    /// "you seemed distracted", "you came across as defensive", "it looked like you didn't prepare". Said of "you" only.
    /// </summary>
    public static readonly Regex Interpretation = Pattern(
        $@"{NotReported}\byou\s+(?:(?:also|then|often|clearly|really)\s+)?(?:seem|seems|seemed|didn{Apostrophe}t\s+seem|did\s+not\s+seem|don{Apostrophe}t\s+seem|do\s+not\s+seem)"
        + $@"\s+(?:like\s+|as\s+(?:if|though)\s+)?(?:to\s+(?:not\s+)?(?:be\s+|have\s+(?:been\s+)?)?)?{Degree}{AWord}"
        + $@"|{NotReported}\byou\s+(?:appear|appears|appeared|look|looks|looked|sound|sounds|sounded)\s+(?:(?:like|as\s+(?:if|though))\s+you\s+{AWord}(?:\s+{AWord})?|{Degree}(?:{Readings})\b)"
        + $@"|{NotReported}\byou\s+(?:appear|appears|appeared)\s+to\s+(?:not\s+)?{AWord}(?:\s+{Degree}{AWord})?"
        + $@"|{NotReported}\byou\s+(?:came|come|comes|coming)\s+(?:across|off)\s+(?:as|like)\s+(?:an?\s+)?{Degree}{AWord}"
        + $@"|{NotReported}\byou(?:\s+were|\s+was|\s+are|{Apostrophe}re)\s+{Degree}(?:{MindStates})\b"
        + $@"|{NotReported}\byou(?:\s+were|\s+are|{Apostrophe}re)(?:n{Apostrophe}t|\s+not)\s+{Degree}(?:listening|paying\s+attention|engaged|interested|focused|invested|committed|bothered|prepared(?!\s+to\b))\b"
        + $@"|\b(?:it|this)\s+(?:seemed|seems|looked|looks|appeared|appears|sounded|sounds|felt|feels)\s+(?:like|as\s+(?:if|though)|that)\s+you\s+{AWord}(?:\s+{AWord})?"
        + $@"|\bI\s+(?:got|get|had|have)\s+the\s+(?:impression|sense|feeling)\s+(?:that\s+)?you\s+{AWord}(?:\s+{AWord})?"
        + $@"|{NotReported}\byou\s+(?:gave|give)\s+(?:me\s+|us\s+|everyone\s+|the\s+team\s+)?the\s+(?:impression|feeling|sense)\b"
        + $@"|{NotReported}\byou\s+must(?:\s+not|n{Apostrophe}t)?\s+have\s+(?:been\s+)?\p{{L}}+(?:ed|en|ght)\b");

    /// <summary>
    /// Advice or a wished-for trait in place of a behaviour: "you need to be more of a team player", "be more professional",
    /// "try to take more ownership", "you lack initiative". Nothing happened in them that the person could recall.
    /// </summary>
    public static readonly Regex Directive = Pattern(
        $@"{NotReported}\byou\s+(?:really\s+|just\s+|definitely\s+|seriously\s+|also\s+)?(?:needs?\s+to|have\s+to|(?:{Apostrophe}ve|\s+have)\s+got\s+to|ought\s+to|should|could\s+try|(?:{Apostrophe}ll|\s+will)\s+need\s+to"
        + $@"|must(?!(?:\s+not|n{Apostrophe}t)?\s+have\s+(?:been\s+)?\p{{L}}+(?:ed|en|ght)\b))\b"
        + $@"|(?:^|(?<=[.!?;:\n]\s*))(?:(?:so|and|but|ok|okay|now|also)\s*,?\s+)*(?:please\s+|just\s+)?(?:please\b|be\b|become\b|try\s+(?:to|and)\b|stop\b|don{Apostrophe}t\b|do\s+not\b"
        + @"|make\s+sure\b|ensure\b|remember\s+to\b|avoid\b|learn\s+to\b|start\s+\p{L}+ing\b|keep\s+\p{L}+ing\b|take\s+(?:more\s+)?(?:ownership|responsibility|initiative|charge)\b"
        + @"|show\s+more\b|step\s+up\b|speak\s+up\b|communicate\b|work\s+on\b|focus\s+(?:on|more)\b|next\s+time\b|going\s+forward\b|from\s+now\s+on\b|in\s+(?:the\s+)?future\b)"
        + $@"|\byou\s+(?:lack|are\s+lacking|have\s+no|don{Apostrophe}t\s+have|do\s+not\s+have|need\s+more|could\s+use\s+more)\s+(?:a\s+|any\s+)?(?:(?:real\s+)?sense\s+of\s+)?"
        + @"(?:ownership|initiative|urgency|focus|confidence|attention\s+to\s+detail|accountability|professionalism|leadership|drive|maturity|discipline|empathy"
        + @"|(?:communication|soft|people|social)\s+skills|team\s+spirit|motivation|passion|commitment)\b"
        + $@"|\byou\s+(?:don{Apostrophe}t|do\s+not|never)\s+take\s+(?:any\s+)?(?:ownership|responsibility|initiative)\b"
        + $@"|\byou(?:{Apostrophe}re|\s+are)\s+not\s+(?:(?:a|an|very|really|much\s+of\s+a)\s+)*(?:self-starter|team\s+player|leader|professional|proactive|reliable|accountable|organi[sz]ed|detail-oriented)\b");

    /// <summary>Verdicts on character (book: "lazy", "careless", "abrasive", "aggressive", "emotional"...). Flagged anywhere in the behaviour.</summary>
    private const string StrongLabels =
        "lazy|laziness|careless|carelessness|rude|rudeness|abrasive|aggressive|passive-aggressive|emotional|bossy|arrogant|sloppy|selfish"
        + "|unprofessional|disrespectful|defensive|hostile|immature|incompetent|dismissive|condescending|toxic|moody|hysterical|shrill|strident"
        + "|annoying|unreliable|irresponsible|entitled|jerk|clueless|useless|inconsiderate|insensitive|self-cent(?:er|re)d|pushy|stubborn|not\\s+a\\s+team\\s+player";

    /// <summary>Words that are labels only when said of the person ("you were difficult"), not of a thing ("a difficult bug").</summary>
    private const string SoftLabels = "difficult|negative|cold|mean|harsh|weird|slow|dramatic|impossible";

    private const string YouAre =
        $@"\byou(?:{Apostrophe}re|\s+are|\s+were|\s+seem(?:ed)?|\s+sound(?:ed)?|\s+look(?:ed)?|\s+c(?:a|o)me\s+across\s+as|\s+have\s+been|{Apostrophe}ve\s+been|\s+can\s+be|\s+could\s+be|\s+acted|\s+act|\s+being|\s+got|\s+get)"
        + @"\s+(?:(?:so|very|really|too|quite|pretty|extremely|incredibly|a\s+bit|a\s+little|always|often|such|kind\s+of|sort\s+of|being|getting|becoming)\s+)*(?:an?\s+)?";

    private const string OfPerson = @"\s+(?:person|teammate|colleague|engineer|developer|leader|team\s+player|member|coworker|co-worker)\b";

    public static readonly Regex LabelAnywhere = Pattern($@"\b(?<w>{StrongLabels})\b");

    public static readonly Regex LabelOfPerson = Pattern(
        $@"{YouAre}(?<w>{StrongLabels}|{SoftLabels})\b|\b(?:your|such\s+an?|being)\s+(?:(?:so|very|really|too)\s+)?(?<w>{StrongLabels})\b|\ban?\s+(?<w>{StrongLabels}|{SoftLabels}){OfPerson}");

    // ---- Clear: hedges -------------------------------------------------------------------------------------------
    public static readonly Regex Hedge = Pattern(
        $@"\b(?:maybe|perhaps|possibly|probably|somewhat|slightly|kinda|sorta|I\s+think(?:\s+that)?|I\s+guess|I\s+feel\s+like|I\s+suppose|sort\s+of"
        + @"|(?<!\b(?:what|this|that|the|any|some|which|every|same|a|one|no|each|these|those)\s+)kind\s+of"
        + @"|just(?!\s+(?:now|before|after|in\s+time|as|like|then|the\s+(?:same|way)))|a\s+little(?:\s+bit)?|a\s+bit"
        + $@"|I{Apostrophe}m\s+not\s+sure(?:\s+(?:but|if))?|I\s+might\s+be\s+wrong(?:,?\s+but)?|(?:not\s+a|no)\s+big\s+deal(?:,?\s+but)?|if\s+that\s+makes\s+sense"
        + @"|it\s+seem(?:s|ed)\s+(?:like|that))\b");

    // ---- Specific: vague praise and criticism --------------------------------------------------------------------
    public static readonly Regex VaguePraise = Pattern(
        @"\b(?:(?:great|good|nice|excellent|amazing|awesome|fantastic|outstanding|superb)\s+(?:job|work|stuff)|well\s+done|nice\s+one|keep\s+up\s+the\s+good\s+work"
        + $@"|you\s+did\s+(?:a\s+)?(?:great|good|well|amazing|awesome|fantastic)|you(?:{Apostrophe}re|\s+are|\s+were)\s+(?:so\s+|really\s+)?(?:great|awesome|amazing|brilliant|a\s+(?:rock\s*star|star|great\s+team\s+player))"
        + @"|you\s+communicate\s+(?:really\s+|very\s+)?well|(?:good|great)\s+communication|(?:good|great)\s+attitude|you\s+(?:rock|nailed\s+it|crushed\s+it|killed\s+it))\b");

    public static readonly Regex VagueCriticism = Pattern(
        @"\b(?:full\s+of\s+(?:bugs|mistakes|errors|holes)|bad\s+code|(?:poor|low)\s+quality|sloppy\s+work|not\s+good\s+enough|needs?\s+(?:to\s+)?improve(?:ment)?|could\s+be\s+better"
        + $@"|(?:you\s+need\s+to\s+)?communicate\s+better|you\s+(?:don{Apostrophe}t|do\s+not)\s+communicate(?:\s+well)?|poor\s+communication|bad\s+attitude|a\s+(?:total\s+)?mess|messy|terrible|awful|unacceptable"
        + @"|not\s+up\s+to\s+(?:standard|scratch|par)|sub-?par|below\s+expectations|you\s+need\s+to\s+(?:step\s+up|do\s+better|improve)|do\s+better)\b");

    // ---- Impact: on the speaker and on the team or work ----------------------------------------------------------
    public static readonly Regex Speaker = Pattern($@"\b(?:I|me|my|myself|mine|I{Apostrophe}(?:m|ve|d|ll))\b");

    public static readonly Regex TeamOrWork = Pattern(
        @"\b(?:we|us|our|ours|team|teams|teammates?|colleagues?|everyone|everybody|others|people|customers?|users?|clients?|stakeholders?|project|product"
        + @"|release|deadline|deploy(?:ment)?s?|production|prod|build|pipeline|sprint|estimates?|plan|planning|schedule|delay(?:ed|s)?|late|time|hours?|minutes?"
        + @"|days?|weeks?|rework|bugs?|incidents?|outage|quality|trust|morale|progress|work|code|review|meeting|discussion|decision|costs?|budget|risks?"
        + @"|on-call|tests?|backlog|roadmap|launch|demo|feature|service|system|velocity|focus)\b");

    /// <summary>
    /// An impact that names who is affected but not how (SBI practice beyond the book): "it affects the team", "it matters",
    /// "this is a problem", "it's not great". Flagged only when the impact has no <see cref="ConcreteEffect"/>.
    /// </summary>
    public static readonly Regex VagueEffect = Pattern(
        @"\b(?:(?:really|negatively|badly|directly|definitely)\s+)?(?:affects|affected|impacts|impacted|hurts|harms|harmed)\b"
        + @"(?:\s+(?:the\s+|our\s+|my\s+|your\s+|everyone\s+on\s+the\s+)?(?:whole\s+)?(?:team(?:\s+morale)?|us|everyone|everybody|others|people|me|project|work|company|morale|culture))?"
        + @"|\b(?:it|this|that|which)\s+(?:really\s+|does\s+)?matter(?:s|ed)?\b"
        + $@"|\b(?:it|this|that)(?:{Apostrophe}s|\s+is|\s+was|\s+isn{Apostrophe}t|\s+wasn{Apostrophe}t|\s+is\s+not|\s+was\s+not)\s+(?:(?:not|really|very|quite|so|real|big|serious|huge|an?)\s+)*"
        + @"(?:problem|issue|concern|great|good|ideal|okay|ok|acceptable|helpful|unhelpful|fine|bad|important|a\s+good\s+look)\b"
        + @"|\b(?:has|have|had)\s+(?:an?\s+)?(?:(?:real|big|negative|huge|serious|bad)\s+)?(?:impact|effect|consequences)\b"
        + @"|\b(?:makes|made|make)\s+a\s+(?:big\s+|real\s+)?difference\b|\bcauses?\s+(?:problems|issues|trouble)\b|\bcreates?\s+(?:problems|issues)\b"
        + $@"|\breflects?\s+(?:badly|poorly)\b|\bsets?\s+a\s+bad\s+example\b|\bsends?\s+the\s+wrong\s+message\b|\bdoesn{Apostrophe}t\s+look\s+good\b"
        + @"|\b(?:team|everyone|everybody|we|people|others)\s+(?:is|are|was|were)\s+(?:really\s+)?affected\b");

    /// <summary>
    /// A concrete effect: what the speaker felt, thought or had to do; what was delayed, repeated, lost or done; how long or how often.
    /// </summary>
    public static readonly Regex ConcreteEffect = Pattern(
        $@"\bI(?:\s+\p{{L}}+ly)?\s+(?:felt|feel|was|wasn{Apostrophe}t|am|had\s+to|have\s+to|spent|lost|missed|couldn{Apostrophe}t|could\s+not|needed|worried|wondered|ended\s+up"
        + $@"|stayed|got|became|didn{Apostrophe}t|did\s+not|noticed|thought|realised|realized|decided|learned)\b|\bI{Apostrophe}(?:m|ve|d)\b|\b(?:made|left|cost|gave|kept|forced)\s+me\b"
        + @"|\b(?:frustrated|frustrating|worried|relieved|confident|proud|anxious|stressed|confused|embarrassed|disappointed|grateful|happy|annoyed|surprised"
        + @"|concerned|uncomfortable|excluded|ignored|unheard|undermined|reassured|demotivated|overwhelmed|upset|angry|nervous|calmer|hurt|sad|pleased|thankful)\b"
        + @"|\b(?:delay(?:ed|s)?|slip(?:ped|s)?|lost|los(?:e|es|ing)|spen[dt]|wasted?|miss(?:ed)?|repeat(?:ed)?|redo|redid|redone|re-?(?:ran|run|test(?:ed)?|did|wrote|work(?:ed)?|plan(?:ned)?|opened|started|built|deployed|reviewed)"
        + $@"|rework(?:ed)?|roll(?:ed)?\s+back|revert(?:ed)?|broke|broken|block(?:ed|s)?|wait(?:ed)?|paged|failed|shipped|ship|saved|save|cut|doubled|dropped|(?:went|go(?:ing)?)\s+back"
        + $@"|escalated|complained|postponed|cancell?ed|stalled|had\s+to|have\s+to|took|agreed|finished|fixed|caught|prevented|reduced|increased|stopped|couldn{Apostrophe}t|could\s+not"
        + @"|unblocked|merged|released|deployed|landed|booked|hear|heard|found|needed|quit|churned|filed|reopened|downtime|outage|overtime|rollback|confusion|duplicated?)\b"
        + @"|\b(?:I|we)\s+(?:\p{L}+ly\s+)?(?!affected\b|impacted\b|mattered\b)\p{L}+ed\b"
        + @"|\b(?:seconds?|minutes?|hours?|days?|weeks?|nights?|evenings?|weekends?|times|twice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|dozens?|half)\b|\b\d+\b");

    // ---- One topic --------------------------------------------------------------------------------------------------
    public static readonly Regex AnotherTopic = Pattern(
        @"\b(?:also|additionally|in\s+addition|on\s+top\s+of\s+that|besides\s+that|apart\s+from\s+that|one\s+more\s+thing|another\s+thing|and\s+another"
        + @"|secondly|not\s+to\s+mention|as\s+well\s+as\s+that)\b|\bplus,");

    /// <summary>A line that starts a list item: two of them are two topics.</summary>
    public static readonly Regex ListItem = new(@"(?<=^|\n)[ \t]*(?:\d+[.)]|[-*•])[ \t]+", RegexOptions.CultureInvariant, Timeout);

    // ---- No sandwich: praise phrases -----------------------------------------------------------------------------------
    public static readonly Regex Praise = Pattern(
        @"\b(?:(?:great|good|nice|excellent|amazing|awesome|fantastic|brilliant|outstanding|impressive|superb|stellar)\s+(?:job|work|effort|stuff|presentation|progress|point|idea|start|contribution|catch)"
        + $@"|well\s+done|thanks|thank\s+you|I\s+(?:really\s+)?(?:appreciate|love|loved|admire|value)|I\s+(?:really\s+)?like(?:d)?\s+(?:how|the\s+way|that|your)"
        + $@"|you(?:{Apostrophe}re|\s+are|\s+were|{Apostrophe}ve\s+been|\s+have\s+been)\s+(?:doing\s+)?(?:so\s+|really\s+|very\s+)?(?:great|awesome|amazing|fantastic|excellent|brilliant|a\s+(?:great|valuable|strong)\s+\w+)"
        + @"|overall\s+(?:you|it|this)\b[^,.;!?]{0,30}\b(?:great|good|well)|keep\s+up\s+the|doing\s+(?:a\s+)?(?:great|good|fantastic|amazing))\b");

    // ---- Closing: at most one open question, never an instruction ------------------------------------------------------
    public static readonly Regex SentenceOpener = Pattern(@"^\s*(?:(?:so|and|but|then|ok|okay|now)\s*,?\s+)*");

    public static readonly Regex Instruction = Pattern(
        $@"^(?:please|stop|don{Apostrophe}t|do\s+not|make\s+sure|ensure|never|always|try\s+(?:to|not)|remember\s+to|be\s+(?:more|less|sure|careful)|avoid|let{Apostrophe}?s\s+not"
        + $@"|you\s+(?:need|have|must|should|ought)|you(?:{Apostrophe}ll|\s+will)\s+need|you{Apostrophe}ve\s+got\s+to|I\s+(?:need|want|expect)\s+you\s+to|I{Apostrophe}d\s+like\s+you\s+to"
        + @"|next\s+time|in\s+(?:the\s+)?future|going\s+forward|from\s+now\s+on)\b");

    public static readonly Regex VeiledInstruction = Pattern($@"^(?:can|could|would|will|won{Apostrophe}t|can{Apostrophe}t)\s+you\b");

    public static readonly Regex OpenQuestion = Pattern(@"^(?:(?:next\s+time|going\s+forward|in\s+(?:the\s+)?future)\s*,?\s*)?(?:how|what)\b");

    // ---- Beyond the book -----------------------------------------------------------------------------------------------
    /// <summary>Absolutes: a coaching heuristic, not from the book.</summary>
    public static readonly Regex Absolute = Pattern(@"\b(?:always|never|every\s+(?:single\s+)?time|constantly|all\s+the\s+time|not\s+once|nothing\s+ever|each\s+and\s+every)\b");

    /// <summary>
    /// Adjective forms from the masculine- and feminine-coded word lists of Gaucher, Friesen &amp; Kay (2011),
    /// "Evidence that gendered wording in job advertisements exists and sustains gender inequality", JPSP 101(1).
    /// Only flagged when they describe the person ("you were very assertive"), where they work as trait labels.
    /// Words already flagged as personality labels (aggressive, emotional, hostile, stubborn) are left to that rule.
    /// </summary>
    private const string GenderCoded =
        "adventurous|ambitious|analytical|assertive|athletic|autonomous|boastful|competitive|confident|courageous|decisive|determined|dominant"
        + "|domineering|driven|fearless|forceful|greedy|head-?strong|impulsive|independent|individualistic|intellectual|logical|objective|opinionated"
        + "|outspoken|persistent|principled|reckless|self-confident|self-reliant|self-sufficient|superior|unreasonable"
        + "|affectionate|agreeable|cheerful|collaborative|committed|communal|compassionate|considerate|co-?operative|dependable|empath(?:et)?ic"
        + "|enthusiastic|gentle|honest|interpersonal|interdependent|kind|loyal|modest|nurturing|pleasant|polite|quiet|responsible|responsive"
        + "|sensitive|submissive|supportive|sympathetic|tender|trusting|trustworthy|understanding|warm|whiny|yielding|inclusive";

    public static readonly Regex GenderCodedOfPerson = Pattern($@"{YouAre}(?<w>{GenderCoded})\b(?!\s+of\b)|\ban?\s+(?<w>{GenderCoded}){OfPerson}");

    /// <summary>Effort and hours instead of accomplishment (Correll &amp; Simard, 2016, HBR "Vague feedback is holding women back").</summary>
    public static readonly Regex Effort = Pattern(
        @"\b(?:hard-?working|hard\s+worker|work(?:s|ed|ing)?\s+(?:so\s+|really\s+|very\s+)?hard|put\s+in\s+(?:a\s+lot\s+of\s+|so\s+much\s+|extra\s+|great\s+)?effort"
        + @"|(?:the\s+)?effort\s+you\s+put\s+in|tried\s+(?:so\s+|really\s+)?hard|(?:tried|did)\s+your\s+best|dedicated|dedication|diligent|diligence|long\s+hours"
        + @"|late\s+nights?|stayed\s+late|work(?:ed|ing)\s+late|work(?:ed|ing)\s+(?:all|through\s+the|over\s+the)\s+weekend|worked\s+weekends|(?:always|so)\s+busy)\b");

    // ---- Safety: text written to steer a language model -----------------------------------------------------------------
    public static readonly Regex EmbeddedInstruction = Pattern(
        @"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:(?:previous|prior|above|earlier|preceding|system|original)\s+(?:instructions?|prompts?|rules|messages|guidelines|text)|instructions?|prompts?)\b"
        + @"|\bsystem\s+prompt\b|\byou\s+are\s+now\b|\bact\s+as\s+(?:an?|the)\b|\bpretend\s+(?:to\s+be|you\s+are)\b|\bnew\s+instructions?\b|\bdeveloper\s+mode\b|\bjailbreak"
        + @"|<\|?(?:system|im_start|im_end|assistant|user)\|?>|\[/?INST\]|#{2,}\s*(?:instruction|system)|(?<=^|\n)\s*(?:system|assistant)\s*:"
        + @"|\breveal\s+(?:your|the)\s+(?:prompt|instructions)\b|\brespond\s+only\s+with\b");

    // ---- Facts a draft may not add ---------------------------------------------------------------------------------------
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["hundred"] = 100, ["thousand"] = 1000, ["twice"] = 2, ["half"] = -2,
        ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10,
        ["dozen"] = 12, ["dozens"] = 12, ["hundreds"] = 100, ["thousands"] = 1000,
    };

    /// <summary>The number a word stands for ("three", "3", "3rd"), or null when it is not a number.</summary>
    public static long? NumberValue(string word)
    {
        if (NumberWords.TryGetValue(word, out var value))
        {
            return value;
        }

        var digits = new string(word.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 && digits.Length <= 12 ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Words that date an event: a draft may use them only when the user did.</summary>
    public static readonly HashSet<string> DateWords = new(
        ["yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week", "weekend", "month", "quarter", "year", "ago",
         "weeks", "months", "years", "days", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
         "march", "april", "june", "july", "august", "september", "october", "november", "december", "yesterday's", "today's"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Words that may start a sentence without being a name: function words and the offline templates' words.
    /// Any other capitalised word a draft adds counts as a new name.
    /// </summary>
    public static readonly HashSet<string> CommonWords = new(
        ("a about above after again against all also although always am an and another any anyone anything are aren't around as at be because been before "
         + "being below between both but by can can't could couldn't did didn't do does doesn't doing don't down during each either even every everyone "
         + "everything few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how "
         + "how's however i i'd i'll i'm i've if in instead into is isn't it it's its itself just let let's like many may me might more most much must my "
         + "myself next no nobody none nor not nothing now of off often on once one only or other others our ours ourselves out over overall own please "
         + "perhaps rather really same she she'd she'll she's should shouldn't since so some something sometimes still such than thank thanks that that's "
         + "the their theirs them themselves then there there's these they they'd they'll they're they've this those though through thus to too under "
         + "until up upon us very was wasn't we we'd we'll we're we've well were weren't what what's when when's where where's whether which while who "
         + "who's whom why why's will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves "
         + "during earlier later again first second last since going keep sharing share wanted want noticed notice hope looking thinking think")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    private static Regex Pattern(string pattern) => new(pattern, Options, Timeout);
}
