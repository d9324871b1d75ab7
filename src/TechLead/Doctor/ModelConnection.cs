using System.ClientModel;
using Microsoft.Extensions.Options;
using TechLead.Drafting;

namespace TechLead.Doctor;

/// <summary>The language model: the deployment answers a one-token request, and says which model it runs; none configured is the offline drafter.</summary>
internal sealed class ModelConnection(AzureOpenAiLanguageModel model, IOptions<DraftingOptions> options) : IDoctorCheck
{
    public string Name => "Model";

    public bool IsConfigured => options.Value.IsConfigured;

    public string NotConfigured => "offline drafter (Drafting:Endpoint is empty): drafts are written from templates, nothing is sent anywhere";

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var subject = $"{settings.Endpoint!.Host}, deployment {settings.Deployment}";
        try
        {
            var name = await model.PingAsync(cancellationToken);
            return [DoctorResult.Ok(Name, subject, $"answered; model {name}")];
        }
        catch (ClientResultException e) when (e.Status == 404)
        {
            return [DoctorResult.Failed(Name, subject, $"no deployment named {settings.Deployment} (404)", "Drafting:Deployment",
                "Set the deployment's name as the Azure AI Foundry portal lists it under Deployments (not the model's name).")];
        }
        catch (ClientResultException e) when (e.Status is 401 or 403)
        {
            return [DoctorResult.Failed(Name, subject, $"the resource refused the credentials ({e.Status})", string.IsNullOrWhiteSpace(settings.ApiKey) ? "Drafting:ApiKey (or the app identity's role)" : "Drafting:ApiKey",
                "Set the resource's key, or leave Drafting:ApiKey empty and give the app's identity the Cognitive Services OpenAI User role.")];
        }
        catch (ClientResultException e)
        {
            return [DoctorResult.Failed(Name, subject, $"answered {e.Status} ({e.Message.Split('\n')[0].Trim()})", "Drafting:Deployment, Drafting:UseMaxTokens",
                "Check the deployment in the portal; older deployments need Drafting:UseMaxTokens=true.")];
        }
        catch (HttpRequestException e)
        {
            return [DoctorResult.Failed(Name, subject, $"unreachable ({e.Message})", "Drafting:Endpoint", "Set the resource's endpoint, e.g. https://my-resource.openai.azure.com.")];
        }
    }
}
