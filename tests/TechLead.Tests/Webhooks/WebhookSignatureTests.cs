using System.Text;
using TechLead.Webhooks;

namespace TechLead.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("Hello, World!");
    private const string Secret = "It's a Secret to Everybody";
    private const string Expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void GitHubs_published_test_vector_signs_and_verifies()
    {
        Assert.Equal(Expected, WebhookSignature.Sign(Secret, Payload));
        Assert.True(WebhookSignature.IsValid([Secret], Payload, Expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=01234567890123456789")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea")]
    public void Missing_malformed_or_wrong_signatures_are_rejected(string? header) =>
        Assert.False(WebhookSignature.IsValid([Secret], Payload, header));

    [Fact]
    public void Without_a_secret_nothing_is_valid_not_even_an_absent_signature()
    {
        Assert.False(WebhookSignature.IsValid([], Payload, null));
        Assert.False(WebhookSignature.IsValid([], Payload, Expected));
    }

    [Fact]
    public void During_a_rotation_both_secrets_verify()
    {
        var next = "a-new-secret-from-the-vault-0001";

        Assert.True(WebhookSignature.IsValid([next, Secret], Payload, Expected));
        Assert.True(WebhookSignature.IsValid([next, Secret], Payload, WebhookSignature.Sign(next, Payload)));
        Assert.False(WebhookSignature.IsValid([next], Payload, Expected));
    }

    [Fact]
    public void A_single_changed_byte_in_the_body_fails_verification()
    {
        var tampered = Encoding.UTF8.GetBytes("Hello, World?");

        Assert.False(WebhookSignature.IsValid([Secret], tampered, Expected));
    }
}
