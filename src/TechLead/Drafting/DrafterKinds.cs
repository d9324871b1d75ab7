namespace TechLead.Drafting;

/// <summary>Who wrote a draft: the language model, or the offline templates.</summary>
internal static class DrafterKinds
{
    public const string AzureOpenAi = "azure-openai";
    public const string Offline = "offline";

    /// <summary>The label every offline draft carries, wherever it is shown.</summary>
    public const string OfflineNotice = "Drafted without a language model: template text built from the same facts. Review and rephrase before sharing.";
}
