namespace TechLead.Feedback;

/// <summary>
/// Every finding code, once, with why it matters. The codes are a stable interface: never rename one. "The book" in a
/// why text is "Leveling Up as a Tech Lead" (A. Fiser), ch. 5; each finding's source names it (<see
/// cref="FindingBasis.Source"/>).
/// </summary>
internal static class FindingCatalog
{
    public const string MissingPart = "missing-part";
    public const string TrivialPart = "trivial-part";
    public const string SituationNoTime = "situation-no-time";
    public const string SituationNoPlace = "situation-no-place";
    public const string SituationNoPeople = "situation-no-people";
    public const string IntentOrMotive = "intent-or-motive";
    public const string PersonalityLabel = "personality-label";
    public const string Hedge = "hedge";
    public const string VaguePraise = "vague-praise";
    public const string VagueCriticism = "vague-criticism";
    public const string ImpactNoEffect = "impact-no-effect";
    public const string StaleTiming = "stale-timing";
    public const string MultipleTopics = "multiple-topics";
    public const string FeedbackSandwich = "feedback-sandwich";
    public const string ClosingInstruction = "closing-instruction";
    public const string ClosingNotOpen = "closing-not-open";
    public const string MoreThanOneQuestion = "more-than-one-question";
    public const string Absolute = "absolute";
    public const string GenderCodedWord = "gender-coded-word";
    public const string EffortNotOutcome = "effort-not-outcome";
    public const string InterpretationNotObservation = "interpretation-not-observation";
    public const string DirectiveNotBehavior = "directive-not-behavior";
    public const string ImpactNotConcrete = "impact-not-concrete";
    public const string EmbeddedInstruction = "embedded-instruction";
    public const string HiddenCharacters = "hidden-characters";
    public const string LanguageNotChecked = "language-not-checked";

    private static readonly Dictionary<string, FindingRule> Rules = new FindingRule[]
    {
        Book(MissingPart,
            "SBI needs all three parts: the situation (when and where), the behaviour (what the person did) and the impact (what it did to you and the team). Without one of them the feedback is not specific.",
            "Write the missing part."),
        Book(TrivialPart,
            "A part this short cannot be specific. The book asks for feedback specific enough that the person recognises the moment and knows what to repeat or change.",
            "Say it in a full sentence."),
        Book(SituationNoTime,
            "The situation says when and where. Feedback is timely and specific when the person can place the moment.",
            "Add when it happened, e.g. \"During yesterday's sprint planning meeting\", or send observedOn."),
        Book(SituationNoPlace,
            "The situation says when and where. Naming the meeting, call, review or channel lets the person recall exactly what you mean.",
            "Add where it happened: the meeting, call, pull request or channel."),
        new(SituationNoPeople, FindingSeverity.Note, FindingBasis.Book,
            "The situation can also say who was there; it helps the person recall the moment and see why it mattered.",
            "If it matters, say who was present."),
        Book(IntentOrMotive,
            "Behaviour is what you observed, not what you assume about intent or motive. An assumed motive starts an argument about what the person meant instead of a conversation about what they did.",
            "Describe what you saw or heard the person do or say, not why you think they did it."),
        Book(PersonalityLabel,
            "Judge the behaviour, not the person. A label (\"lazy\", \"careless\", \"abrasive\") describes a character; the person can act on an observed behaviour, not on a verdict about who they are.",
            "Replace the label with the action that made you think it."),
        Book(Hedge,
            "Be clear. Hedges (\"maybe\", \"I think\", \"sort of\", \"just\") blur the message so it may not land.",
            "Remove the hedge and say it plainly."),
        Book(VaguePraise,
            "Be specific (and honest): praise without what exactly went well does not tell the person what to keep doing, and can sound insincere.",
            "Name the specific action and what it achieved."),
        Book(VagueCriticism,
            "Be specific: a verdict such as \"your code is full of bugs\" gives the person nothing to act on and invites defensiveness.",
            "Point to the concrete instance: which change, what happened, what you saw."),
        Book(ImpactNoEffect,
            "The impact says why it matters: what the behaviour did to you (what you thought or felt) and to the team or the work.",
            "Add the effect on you (\"I felt ...\") and/or on the team or the work (\"the team lost ...\")."),
        Book(InterpretationNotObservation,
            "Behaviour is what you observed: the book's SBI asks for observable actions only. \"You seemed distracted\" or \"you came across as defensive\" is your reading of the person, not something they did, and they can simply disagree with it. "
            + "SBI practice beyond the book (the Center for Creative Leadership's SBI guides) contrasts exactly this with the observable version: \"you were scrolling through your phone while the client was speaking\".",
            "What did you see or hear them do? Write that instead of how it seemed to you."),
        Book(DirectiveNotBehavior,
            "Behaviour is something that happened, which the person can recall: the book's SBI asks for observable actions. \"You need to be more of a team player\", \"be more professional\" or \"try to take more ownership\" is advice or a wished-for trait instead; the book also adds no request step, and judges the behaviour, not the person.",
            "What did you see or hear them do? Describe that moment, and leave what should change to the conversation (at most one open question)."),
        new(ImpactNotConcrete, FindingSeverity.Problem, FindingBasis.BeyondTheBook,
            "Beyond the book: SBI practice (the Center for Creative Leadership's SBI guides) asks for the concrete effect, and the book's impact says what it did to you and the team and why it matters. "
            + "\"It affects the team\", \"it matters\" or \"this is a problem\" names who is affected but not how, so the person cannot weigh it. A problem when the impact has no effect at all (nothing delayed, lost, repeated, or felt).",
            "What happened as a result: what was delayed, repeated or lost, and how did it affect you?"),
        Book(StaleTiming,
            "Feedback is timely: the closer to the moment, the more useful. The book calls feedback about something \"six months ago\" \"far too stale\".",
            "Give feedback soon after the event; if it is this old, consider whether it still helps."),
        Book(MultipleTopics,
            "One topic per piece of feedback: several at once dilute each other and overwhelm the person.",
            "Keep one behaviour here and give the other as separate feedback."),
        Book(FeedbackSandwich,
            "No feedback sandwich: praise wrapped around criticism hides the message, and it teaches people to hear praise as a warm-up for bad news.",
            "Give the constructive feedback on its own; give the praise separately, as its own positive feedback."),
        Book(ClosingInstruction,
            "The book's SBI adds no \"request\" step: end with at most one open question (\"How do you think we can address this?\"), not an instruction, so the person owns the next step.",
            "Replace the instruction with one open question."),
        Book(ClosingNotOpen,
            "An open question invites the person's view. A yes/no question is an instruction in disguise, and a \"why\" question asks them to defend themselves.",
            "Ask one \"how\" or \"what\" question, e.g. \"How do you think we can address this?\""),
        Book(MoreThanOneQuestion,
            "At most one open question: several questions at the end turn feedback into an interrogation.",
            "Keep the one question that matters most."),
        new(Absolute, FindingSeverity.Note, FindingBasis.BeyondTheBook,
            "Beyond the book (a common coaching heuristic): \"always\" and \"never\" overstate, and one counter-example turns the conversation into a debate about how often.",
            "Name the specific occasion instead."),
        new(GenderCodedWord, FindingSeverity.Note, FindingBasis.BeyondTheBook,
            "Beyond the book: this word describing the person is on the gender-coded word lists of Gaucher, Friesen & Kay (2011). Trait words like it can carry stereotypes; a gentle note, not an error.",
            "Describe what the person did rather than the trait."),
        new(EffortNotOutcome, FindingSeverity.Note, FindingBasis.BeyondTheBook,
            "Beyond the book: this praises effort or hours rather than what was achieved. Research on performance reviews (Correll & Simard, 2016) found vague, effort-focused feedback is given more often to women, and it rewards looking busy.",
            "Name what the work achieved."),
        new(EmbeddedInstruction, FindingSeverity.Note, FindingBasis.Tool,
            "This reads like an instruction to a language model. It is treated as your feedback text and never followed.",
            "Remove it if it is not part of your feedback."),
        new(HiddenCharacters, FindingSeverity.Note, FindingBasis.Tool,
            "Invisible characters (zero-width, bidirectional or tag characters) were removed from this part before checking and drafting.",
            "Nothing to do, unless you pasted the text from somewhere unexpected."),
        new(LanguageNotChecked, FindingSeverity.Note, FindingBasis.Tool,
            "The word rules know English only: for this language only structure, length and dates are checked, and offline drafts have no closing sentence.",
            "Read the drafts carefully yourself."),
    }.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<FindingRule> All => Rules.Values;

    public static FindingRule Get(string code) =>
        Rules.TryGetValue(code, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown finding code.");

    private static FindingRule Book(string code, string why, string hint) => new(code, FindingSeverity.Problem, FindingBasis.Book, why, hint);
}
