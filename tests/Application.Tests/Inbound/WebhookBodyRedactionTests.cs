using System.Text;
using System.Text.Json;
using PesanAI.Application.Inbound;

namespace PesanAI.Application.Tests.Inbound;

public sealed class WebhookBodyRedactionTests
{
    private const string Erased = "6281100000001";
    private const string Other = "6281100000002";

    private static readonly string Body = $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"pn-1"},
          "contacts":[{"profile":{"name":"Sari Ñandú"},"wa_id":"{{{Erased}}}"},{"profile":{"name":"Budi"},"wa_id":"{{{Other}}}"}],
          "messages":[{"from":"{{{Erased}}}","id":"wamid.A","timestamp":"1","type":"text","text":{"body":"rahasia"}},
                      {"from":"{{{Other}}}","id":"wamid.B","timestamp":"1","type":"text","text":{"body":"halo"}}],
          "statuses":[{"id":"wamid.C","status":"read","timestamp":"1","recipient_id":"{{{Erased}}}"}]}}]}]}
        """;

    [Fact]
    public void Only_the_erased_customers_elements_are_cut_out()
    {
        var redacted = WebhookBodyRedaction.Redact(Encoding.UTF8.GetBytes(Body), [Erased, "wamid.C"]);

        Assert.NotNull(redacted);
        var text = Encoding.UTF8.GetString(redacted);
        Assert.DoesNotContain(Erased, text, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sari", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var value = json.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value");
        Assert.Equal(Other, Assert.Single(value.GetProperty("contacts").EnumerateArray()).GetProperty("wa_id").GetString());
        Assert.Equal("halo", Assert.Single(value.GetProperty("messages").EnumerateArray()).GetProperty("text").GetProperty("body").GetString());
        Assert.Empty(value.GetProperty("statuses").EnumerateArray());
        Assert.Equal("pn-1", value.GetProperty("metadata").GetProperty("phone_number_id").GetString());
    }

    [Fact]
    public void A_body_that_does_not_mention_the_values_is_left_alone() =>
        Assert.Null(WebhookBodyRedaction.Redact(Encoding.UTF8.GetBytes(Body), ["6289999999999", "wamid.Z"]));

    [Fact]
    public void A_value_outside_any_list_or_a_body_that_is_not_json_empties_the_body()
    {
        var inMetadata = WebhookBodyRedaction.Redact(Encoding.UTF8.GetBytes(Body), ["15550001111"]);
        var notJson = WebhookBodyRedaction.Redact(Encoding.UTF8.GetBytes("from=" + Erased), [Erased]);

        Assert.Equal(WebhookBodyRedaction.Emptied.ToArray(), inMetadata);
        Assert.Equal(WebhookBodyRedaction.Emptied.ToArray(), notJson);
    }
}
