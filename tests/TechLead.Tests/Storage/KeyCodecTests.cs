using TechLead.Storage;

namespace TechLead.Tests.Storage;

public sealed class KeyCodecTests
{
    [Theory]
    [InlineData("octo-org/payments-api", "octo-org~2Fpayments-api")]
    [InlineData("docs/adr/0001 #1?.md", "docs~2Fadr~2F0001 ~231~3F.md")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("a~b\\c", "a~7Eb~5Cc")]
    public void Keys_never_contain_characters_table_storage_forbids_and_decode_back(string value, string expected)
    {
        var key = KeyCodec.Encode(value);

        Assert.Equal(expected, key);
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(value, KeyCodec.Decode(key));
    }

    [Fact]
    public void Number_keys_sort_like_the_numbers()
    {
        var keys = new[] { 10L, 9L, 1000L, 99L }.Select(KeyCodec.Number).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(new[] { 9L, 10L, 99L, 1000L }.Select(KeyCodec.Number), keys);
    }
}
