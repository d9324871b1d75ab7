using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using TechLead.Webhooks;

namespace TechLead.Tests.Webhooks;

/// <summary>Small deliveries written in the real GitHub webhook shapes (see octokit/webhooks payload examples).</summary>
internal static class WebhookPayloads
{
    public static string MergedPullRequest(int number = 42, string repository = "octo-org/payments-api", string title = "feat: add refunds",
        string? body = "Adds refunds.", string mergedAt = "2026-11-18T14:05:00Z", string author = "amara", string authorType = "User") =>
        $$"""
        {
          "action": "closed",
          "number": {{number}},
          "pull_request": {
            "url": "https://api.github.com/repos/{{repository}}/pulls/{{number}}",
            "id": {{900000 + number}},
            "node_id": "PR_kwDOA{{number}}",
            "html_url": "https://github.com/{{repository}}/pull/{{number}}",
            "number": {{number}},
            "state": "closed",
            "locked": false,
            "title": "{{title}}",
            "user": { "login": "{{author}}", "id": 101, "type": "{{authorType}}" },
            "body": {{(body is null ? "null" : $"\"{body}\"")}},
            "created_at": "2026-11-17T09:12:00Z",
            "updated_at": "{{mergedAt}}",
            "closed_at": "{{mergedAt}}",
            "merged_at": "{{mergedAt}}",
            "merge_commit_sha": "{{Sha(number)}}",
            "assignee": null,
            "assignees": [],
            "requested_reviewers": [],
            "labels": [ { "id": 1, "name": "feature", "color": "a2eeef", "default": false } ],
            "draft": false,
            "head": { "label": "octo-org:{{author}}/refunds", "ref": "{{author}}/refunds", "sha": "{{Sha(number + 1)}}" },
            "base": { "label": "octo-org:main", "ref": "main", "sha": "{{Sha(number + 2)}}" },
            "author_association": "MEMBER",
            "merged": true,
            "mergeable": null,
            "merged_by": { "login": "bao", "id": 102, "type": "User" },
            "comments": 1,
            "review_comments": 2,
            "commits": 3,
            "additions": 120,
            "deletions": 14,
            "changed_files": 5
          },
          "repository": {
            "id": 5000,
            "name": "{{repository.Split('/')[1]}}",
            "full_name": "{{repository}}",
            "private": true,
            "owner": { "login": "{{repository.Split('/')[0]}}", "id": 200, "type": "Organization" },
            "default_branch": "main"
          },
          "sender": { "login": "bao", "id": 102, "type": "User" }
        }
        """;

    public static string Ping() =>
        """
        { "zen": "Design for failure.", "hook_id": 30, "hook": { "type": "Repository", "id": 30, "active": true, "events": ["pull_request"] },
          "repository": { "id": 5000, "name": "payments-api", "full_name": "octo-org/payments-api" }, "sender": { "login": "bao", "id": 102, "type": "User" } }
        """;

    public static string Star() =>
        """
        { "action": "created", "starred_at": "2026-11-18T14:05:00Z",
          "repository": { "id": 5000, "name": "payments-api", "full_name": "octo-org/payments-api" }, "sender": { "login": "fan", "id": 9, "type": "User" } }
        """;

    public static string Sha(int seed) => (seed * 7919L).ToString("x", CultureInfo.InvariantCulture).PadLeft(40, 'a');

    /// <summary>A delivery as GitHub posts it: the JSON body, its event and delivery headers, and the body's HMAC signature.</summary>
    public static HttpRequestMessage SignedDelivery(string secret, string body, string eventName = "pull_request", string? delivery = null) =>
        SignedDelivery(secret, Encoding.UTF8.GetBytes(body), eventName, delivery);

    /// <inheritdoc cref="SignedDelivery(string, string, string, string?)"/>
    public static HttpRequestMessage SignedDelivery(string secret, byte[] body, string eventName = "pull_request", string? delivery = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/github/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(secret, body));
        return request;
    }
}
