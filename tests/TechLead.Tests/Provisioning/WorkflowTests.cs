using TechLead.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TechLead.Tests.Provisioning;

/// <summary>The GitHub Actions workflows: CI runs the one test script; deployment signs in with OIDC and stores no Azure secret.</summary>
public sealed class WorkflowTests
{
    private static YamlMappingNode Load(string name)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, ".github", "workflows", name));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow, string job) =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["jobs"])[job])["steps"]).Children.Cast<YamlMappingNode>();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    [Fact]
    public void Ci_runs_scripts_test_on_pushes_pull_requests_and_for_the_deployment()
    {
        var ci = Load("ci.yml");

        Assert.Contains(Steps(ci, "test"), s => Scalar(s, "run") == "scripts/test");
        var triggers = (YamlMappingNode)ci["on"];
        Assert.All(new[] { "push", "pull_request", "workflow_call" }, t => Assert.True(triggers.Children.ContainsKey(t), $"ci.yml does not run on {t}"));
    }

    [Fact]
    public void Deploy_tests_first_then_runs_azd_signed_in_through_a_federated_credential_without_stored_secrets()
    {
        var deploy = Load("deploy.yml");
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", "deploy.yml"));

        Assert.Equal("write", Scalar((YamlMappingNode)deploy["permissions"], "id-token"));
        var job = (YamlMappingNode)((YamlMappingNode)deploy["jobs"])["deploy"];
        Assert.Equal("test", Scalar(job, "needs"));
        var runs = Steps(deploy, "deploy").Select(s => Scalar(s, "run") ?? "").ToList();
        Assert.Contains(runs, r => r.Contains("azd auth login", StringComparison.Ordinal) && r.Contains("--federated-credential-provider github", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith("azd up --no-prompt", StringComparison.Ordinal));
        Assert.DoesNotContain("secrets.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", text, StringComparison.Ordinal);
    }
}
