namespace TechLead.Drafting;

/// <summary>
/// A named observation about a draft's input or output, shown to the reviewer next to the draft. Codes are stable
/// (<see cref="FindingCodes"/>); messages are for people.
/// </summary>
public sealed record DraftFinding(string Code, string Message);

internal static class FindingCodes
{
    public const string PromptInjectionSuspected = "prompt-injection-suspected";
    public const string HiddenCharactersRemoved = "hidden-characters-removed";
    public const string HtmlCommentRemoved = "html-comment-removed";
    public const string TextTruncated = "text-truncated";
    public const string SecretRedacted = "secret-redacted";
    public const string EmailRedacted = "email-redacted";
    public const string UncitedItemDropped = "uncited-item-dropped";
    public const string ItemNotRephrased = "item-not-rephrased";
    public const string NumberNotInInput = "number-not-in-input";
    public const string LinkRemoved = "link-removed";
    public const string DraftedOffline = "drafted-without-language-model";
    public const string NoNegativeConsequences = "no-negative-consequences";
    public const string ConsequencesNotClassified = "consequences-not-classified";
    public const string SupersededWithoutBackLink = "superseded-without-back-link";
    public const string AcceptedButOld = "accepted-but-old";
    public const string UnrecognisedFormat = "unrecognised-format";
    public const string NeedsLabel = "needs-a-label";
}
