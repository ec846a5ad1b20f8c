using System.Text;
using System.Text.Json;
using PesanAI.Domain.Conversations;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class BrokenPayloadTests
{
    private const string Value = "entry[0].changes[0].value";
    private static readonly string Valid = Payloads.Text("wamid.OK", "\"fine\"");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"whatsapp_business_account\"")]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("""{"object":"page","entry":[]}""")]
    [InlineData("""{"object":5,"entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account"}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":{}}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":null}""")]
    [InlineData("""{"object":"whatsapp_business_account","object":"whatsapp_business_account","entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[],}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[]} /* note */""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[]}{}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"id":"a","id":"b"}]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"\udc00":1}}]}]}""")]
    public void Not_a_webhook_envelope_is_refused_with_a_reason(string body) => AssertRefused(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var body = Fixtures.Bytes("text");
        var at = Encoding.UTF8.GetString(body).IndexOf("Hello", StringComparison.Ordinal);
        body[at] = 0xFF;
        Assert.Equal("body is not valid UTF-8", AssertRefused(body));
    }

    [Fact]
    public void Oversized_and_overdeep_bodies_are_refused()
    {
        AssertRefused(Encoding.UTF8.GetBytes(new string(' ', WebhookPayload.MaxBodyBytes + 1)));
        AssertRefused(Payloads.Value($$"""{"x":{{new string('[', 65)}}{{new string(']', 65)}}}"""));
    }

    [Fact]
    public void An_empty_entry_list_is_a_webhook_without_changes()
    {
        var parsed = Fixtures.Parse(Payloads.Envelope("[]"));
        Assert.Empty(parsed.Changes);
        Assert.Empty(parsed.Problems);
    }

    [Theory]
    [InlineData("""{"from":"16505551234","timestamp":"1739321024","type":"text","text":{"body":"x"}}""", "id or type is missing")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","text":{"body":"x"}}""", "id or type is missing")]
    [InlineData("""{"from":"","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""", "sender has neither from nor from_user_id")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"image"}""", "image is missing")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"text","text":{}}""", "text.body is missing")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"image","image":{"id":"1"}}""", "image.id or image.mime_type is missing")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"audio","audio":{"id":"1","mime_type":"audio/ogg","voice":"yes"}}""", "audio unreadable at $.voice")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"location","location":{"latitude":1e999,"longitude":0}}""", "location.latitude or location.longitude is missing or out of range")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"location","location":{"latitude":0,"longitude":-180.5}}""", "location.latitude or location.longitude is missing or out of range")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"location","location":{"latitude":"1","longitude":0}}""", "location unreadable at $.latitude")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"order","order":{"catalog_id":"1","product_items":[{"product_retailer_id":"p","quantity":1e400,"item_price":1,"currency":"USD"}]}}""", "order.product_items[0] lacks a product_retailer_id, currency, whole quantity or price")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"order","order":{"catalog_id":"1","product_items":[{"product_retailer_id":"p","quantity":2.5,"item_price":1,"currency":"USD"}]}}""", "order.product_items[0] lacks a product_retailer_id, currency, whole quantity or price")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"order","order":{"catalog_id":"1","product_items":[{"product_retailer_id":"p","quantity":1,"item_price":1e99999,"currency":"USD"}]}}""", "order.product_items[0] lacks a product_retailer_id, currency, whole quantity or price")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"unsupported","errors":[{"code":1e20}]}""", "unreadable at $.errors[0].code")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"text","context":[],"text":{"body":"x"}}""", "unreadable at $.context")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"x"}}}""", "interactive.button_reply.id or .title is missing")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"contacts","contacts":{}}""", "contacts expected an array, found an object")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"system","system":{"body":"x"}}""", "system.type or system.body is missing")]
    [InlineData("""{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"\ud800"}}""", "text unreadable at $.body")]
    [InlineData("""{"from":"\udc00","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""", "unreadable at $.from")]
    [InlineData("null", "expected an object, found null")]
    [InlineData("7", "expected an object, found a number")]
    public void A_broken_message_is_skipped_and_named_while_its_sibling_parses(string message, string reason)
    {
        var change = ParseWithProblem(Payloads.Messages($"{message},{Valid}"), $"{Value}.messages[0]: {reason}");
        Assert.Equal("wamid.OK", Assert.Single(change.Messages).Message.Wamid);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"-5\"")]
    [InlineData("\"1.5\"")]
    [InlineData("\" 1739321024\"")]
    [InlineData("\"99999999999999999999\"")]
    [InlineData("253402300800")]
    [InlineData("1e3")]
    [InlineData("null")]
    public void A_timestamp_that_is_not_unix_seconds_skips_the_message(string timestamp)
    {
        var change = ParseWithProblem(
            Payloads.Messages($"{Payloads.Text("wamid.X", "\"x\"", timestamp)},{Valid}"),
            $"{Value}.messages[0]: timestamp is missing or not unix seconds");
        Assert.Single(change.Messages);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("\"253402300799\"", 253402300799)]
    public void Timestamps_at_the_edges_of_the_range_are_kept(string timestamp, long seconds)
    {
        var parsed = Fixtures.Parse(Payloads.Messages(Payloads.Text("wamid.X", "\"x\"", timestamp)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds), Assert.Single(Assert.Single(parsed.Changes).Messages).Message.SentAt);
    }

    [Fact]
    public void An_interactive_reply_of_an_unknown_kind_is_kept_raw()
    {
        const string message = """{"from":"16505551234","id":"wamid.X","timestamp":"1739321024","type":"interactive","interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"accept"}}}""";
        var parsed = Fixtures.Parse(Payloads.Messages(message));
        Assert.Empty(parsed.Problems);
        var content = Assert.Single(Assert.Single(parsed.Changes).Messages).Message.Content;
        Assert.Equal(new MessageContent("interactive") { RawJson = message }, content);
    }

    [Fact]
    public void A_broken_contact_costs_only_the_profile_name()
    {
        var change = ParseWithProblem(Payloads.Messages(Valid, """{"profile":"Sheena","wa_id":"16505551234"}"""), $"{Value}.contacts[0]: unreadable at $.profile");
        Assert.Equal(new CustomerIdentity("16505551234", null), Assert.Single(change.Messages).Message.From);
    }

    [Fact]
    public void Broken_statuses_and_errors_are_named_and_their_siblings_kept()
    {
        const string statuses = """
            [{"status":"read","timestamp":"1","recipient_id":"1"},
             {"id":"wamid.S","status":"failed","timestamp":"2","recipient_id":"1","errors":[{"title":"no code"},{"code":131026,"title":"Undeliverable"}]}]
            """;
        var body = Payloads.Value($$"""{"metadata":{"phone_number_id":"1"},"statuses":{{statuses}},"errors":[{"title":"no code"},5]}""");
        var parsed = Fixtures.Parse(body);
        Assert.Equal(
            [
                $"{Value}.statuses[0]: id or status is missing",
                $"{Value}.statuses[1].errors[0]: code is missing",
                $"{Value}.errors[0]: code is missing",
                $"{Value}.errors[1]: expected an object, found a number",
            ],
            parsed.Problems);
        var change = Assert.Single(parsed.Changes);
        var status = Assert.Single(change.Statuses);
        Assert.Equal([new MessageError(131026, "Undeliverable")], status.Update.Errors);
        Assert.Empty(change.Errors);
    }

    [Fact]
    public void Broken_entries_and_changes_are_named_and_their_siblings_kept()
    {
        var good = Encoding.UTF8.GetString(Payloads.Messages(Valid));
        using var document = JsonDocument.Parse(good);
        var goodEntry = document.RootElement.GetProperty("entry")[0].GetRawText();
        const string broken = """
            [7,
             {"id":"1","changes":{}},
             {"id":"2","changes":[{"value":{}},{"field":"messages","value":null},{"field":"messages"},{"field":"messages","value":{"messages":{}}},{"field":"messages","value":{"metadata":[]}}]},
            """;
        var body = Payloads.Envelope(broken + goodEntry + "]");
        var parsed = Fixtures.Parse(body);
        Assert.Equal(
            [
                "entry[0]: expected an object, found a number",
                "entry[1].changes: missing or not an array",
                "entry[2].changes[0]: field or value is missing",
                "entry[2].changes[1].value: expected an object, found null",
                "entry[2].changes[2]: field or value is missing",
                "entry[2].changes[3].value.metadata.phone_number_id: missing",
                "entry[2].changes[3].value.messages: expected an array, found an object",
                "entry[2].changes[4].value.metadata: expected an object, found an array",
            ],
            parsed.Problems);
        Assert.Equal([("2", 0), (Fixtures.WabaId, 1)], parsed.Changes.Select(c => (c.WabaId, c.Messages.Count)));
    }

    [Fact]
    public void Problems_name_paths_but_never_values()
    {
        const string broken = """{"from":"6281299999999","timestamp":"1739321024","type":"text","text":{"body":"SECRET-TEXT-123"}}""";
        var parsed = Fixtures.Parse(Payloads.Messages($"{broken},{Valid}"));
        var problem = Assert.Single(parsed.Problems);
        Assert.DoesNotContain("SECRET", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("6281299999999", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_are_bounded()
    {
        var broken = string.Join(',', Enumerable.Repeat("{}", 300));
        var parsed = Fixtures.Parse(Payloads.Messages($"{broken},{Valid}"));
        Assert.Equal(101, parsed.Problems.Count);
        Assert.Equal("... and 200 more", parsed.Problems[^1]);
        Assert.Single(Assert.Single(parsed.Changes).Messages);
    }

    [Fact]
    public void Serialization_here_runs_without_reflection() => Assert.False(JsonSerializer.IsReflectionEnabledByDefault);

    private static string AssertRefused(byte[] body)
    {
        Assert.False(WebhookPayload.TryParse(body, out var result, out var error));
        Assert.Null(result);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error;
    }

    private static WebhookChange ParseWithProblem(byte[] body, string problem)
    {
        var parsed = Fixtures.Parse(body);
        Assert.Equal([problem], parsed.Problems);
        return Assert.Single(parsed.Changes);
    }
}
