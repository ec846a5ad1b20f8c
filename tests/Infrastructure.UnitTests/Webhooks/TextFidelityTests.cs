using System.Text;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>Text arrives exactly as the customer wrote it: no normalisation, no lost or replaced units (but U+0000).</summary>
public sealed class TextFidelityTests
{
    public static TheoryData<string> Texts => new()
    {
        "\U0001F44D\U0001F3FD",
        "\u0645\u0631\u062d\u0628\u0627\u060c \u0647\u0644 \u0644\u062f\u064a\u0643\u0645 \u0645\u0642\u0627\u0633 \u0643\u0628\u064a\u0631\u061f",
        "\u05e9\u05dc\u05d5\u05dd, \u05de\u05d4 \u05d4\u05de\u05d7\u05d9\u05e8?",
        "e\u0301 and \u00e9 and a\u0308\u0301\u0323",
        "\u200f\u202b\u05d0\u202c \U0001F469\u200d\U0001F469\u200d\U0001F467 \U0001F1EE\U0001F1E9",
        "quote \" backslash \\ slash / tab \t newline \n return \r nul \u0000 \u2028\u2029 \ufeff \ufffd",
        "\U00010348 \U0001D11E \U0010FFFF",
    };

    [Fact]
    public void Fixture_texts_decode_to_what_Meta_meant()
    {
        var change = Fixtures.SingleChange("text_unicode");
        string[] expected =
        [
            "\U0001F44D\U0001F3FD thanks!",
            "\u0645\u0631\u062d\u0628\u0627\u060c \u0647\u0644 \u0644\u062f\u064a\u0643\u0645 \u0645\u0642\u0627\u0633 \u0643\u0628\u064a\u0631\u061f",
            "\u05e9\u05dc\u05d5\u05dd, \u05de\u05d4 \u05d4\u05de\u05d7\u05d9\u05e8?",
            "e\u0301 vs \u00e9",
            "\U0001F44D\U0001F3FD caf\u00e9 \"quoted\" back\\slash / tab\t new\nline",
            "e\u0301",
            "mixed: English \u0639\u0631\u0628\u064a \u05e2\u05d1\u05e8\u05d9\u05ea 123",
            "\u200f\u202bRTL\u202c zero\u200dwidth \U0001F469\u200d\U0001F469\u200d\U0001F467",
        ];
        var texts = change.Messages.Select(m => m.Message.Content.Text).ToList();
        Assert.Equal(expected, texts);
        Assert.Equal(2, texts[5]!.Length);
        Assert.Equal("\U0001F44D\U0001F3FD thanks!"u8.ToArray(), Encoding.UTF8.GetBytes(texts[0]!));
        Assert.All(change.Messages, m => Assert.Equal(new CustomerIdentity(Fixtures.CustomerWaId, null, "Zo\u00eb \u05e9\u05e8\u05d4"), m.Message.From));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Raw_and_escaped_forms_decode_to_the_same_string(string text)
    {
        // The one documented exception (README, webhooks): U+0000, which PostgreSQL cannot store, becomes U+FFFD.
        var stored = text.Replace('\0', '\uFFFD');
        Assert.Equal(stored, SingleText(Payloads.RawJsonString(text)));
        Assert.Equal(stored, SingleText(Payloads.EscapedJsonString(text)));
    }

    [Fact]
    public void A_4096_character_body_with_surrogate_pairs_is_kept_whole()
    {
        var builder = new StringBuilder();
        string[] pieces = ["a", "\u00e9", "\u0645", "\u05d0", "e\u0301", "\U0001F44D", " "];
        for (var i = 0; builder.Length < 4096; i++)
        {
            var piece = pieces[i % pieces.Length];
            builder.Append(builder.Length + piece.Length <= 4096 ? piece : "z");
        }

        var text = builder.ToString();
        Assert.Equal(4096, text.Length);
        Assert.Equal(text, SingleText(Payloads.RawJsonString(text)));
        Assert.Equal(text, SingleText(Payloads.EscapedJsonString(text)));
    }

    private static string? SingleText(string bodyJson)
    {
        var parsed = Fixtures.Parse(Payloads.Messages(Payloads.Text("wamid.T", bodyJson)));
        Assert.Empty(parsed.Problems);
        return Assert.Single(Assert.Single(parsed.Changes).Messages).Message.Content.Text;
    }
}
