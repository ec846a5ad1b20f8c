using System.Text;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

public sealed class RoutingTests
{
    public static TheoryData<string> FixtureNames => [.. Fixtures.Names];

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_fixture_routes_by_exactly_the_ids_its_parse_names(string fixture)
    {
        var body = Fixtures.Bytes(fixture);
        Assert.True(WebhookRouting.TryRead(body, out var keys));
        var parsed = Fixtures.Parse(body);
        Assert.Equal(parsed.Changes.Select(c => c.PhoneNumberId).OfType<string>().Distinct(), keys.PhoneNumberIds);
        Assert.Equal(parsed.Changes.Select(c => c.WabaId).OfType<string>().Distinct(), keys.WabaIds);
        Assert.True(WebhookRouting.TryReadPhoneNumberIds(body, out var ids));
        Assert.Equal(keys.PhoneNumberIds, ids);
    }

    [Fact]
    public void Every_entry_and_change_is_read_in_order()
    {
        Assert.True(WebhookRouting.TryRead(Fixtures.Bytes("multi_entry"), out var keys));
        Assert.Equal([Fixtures.PhoneNumberId, "106540352242923"], keys.PhoneNumberIds);
        Assert.Equal([Fixtures.WabaId, "102290129340399"], keys.WabaIds);
    }

    [Fact]
    public void A_template_update_routes_by_its_waba_only()
    {
        Assert.True(WebhookRouting.TryRead(Fixtures.Bytes("template_approved"), out var keys));
        Assert.Empty(keys.PhoneNumberIds);
        Assert.Equal([Fixtures.WabaId], keys.WabaIds);
    }

    [Fact]
    public void Escaped_names_and_values_are_read_as_the_parser_reads_them()
    {
        var body = Payloads.Envelope("""[{"\u0069d":"\u0031","changes":[{"field":"messages","value":{"meta\u0064ata":{"phone\u005fnumber_id":"\u0037\u0037\u0037"}}}]}]""");
        Assert.True(WebhookRouting.TryRead(body, out var keys));
        Assert.Equal(["777"], keys.PhoneNumberIds);
        Assert.Equal(["1"], keys.WabaIds);
        var change = Assert.Single(Fixtures.Parse(body).Changes);
        Assert.Equal(("777", "1"), (change.PhoneNumberId, change.WabaId));
    }

    [Fact]
    public void Every_occurrence_of_a_duplicated_key_counts_and_the_parser_refuses_duplicates()
    {
        var body = Payloads.Value("""{"metadata":{"phone_number_id":"111","phone_number_id":"222"}}""");
        Assert.True(WebhookRouting.TryReadPhoneNumberIds(body, out var ids));
        Assert.Equal(["111", "222"], ids);
        Assert.False(WebhookPayload.TryParse(body, out _, out _));
    }

    [Theory]
    [InlineData("""{"metadata":{"phone_number_id":"9"},"object":"whatsapp_business_account","entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","metadata":{"phone_number_id":"9"},"changes":[]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","metadata":{"phone_number_id":"9"},"value":{}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"metadata":{"phone_number_id":"9"}}]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"9"}}}]}]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","x":{"entry":[{"id":"8","changes":[{"value":{"metadata":{"phone_number_id":"9"}}}]}]},"entry":[{"id":"1","changes":[]}]}""")]
    public void Ids_elsewhere_in_the_body_are_not_routing_keys(string body)
    {
        Assert.True(WebhookRouting.TryRead(Encoding.UTF8.GetBytes(body), out var keys));
        Assert.Empty(keys.PhoneNumberIds);
        Assert.DoesNotContain("8", keys.WabaIds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"entry\":[")]
    [InlineData("{\"entry\":[]} trailing")]
    [InlineData("{\"entry\":[],}")]
    [InlineData("""{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":777}}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":null}}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":{"id":"1"}}}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"\ud800"}}}]}]}""")]
    [InlineData("""{"entry":[{"id":["1"],"changes":[]}]}""")]
    public void A_body_that_cannot_be_routed_is_refused(string body) =>
        Assert.False(WebhookRouting.TryRead(Encoding.UTF8.GetBytes(body), out _));

    [Fact]
    public void Invalid_utf8_and_oversized_bodies_are_refused()
    {
        var body = Fixtures.Bytes("text");
        body[Encoding.UTF8.GetString(body).IndexOf("Hello", StringComparison.Ordinal)] = 0xC3;
        Assert.False(WebhookRouting.TryRead(body, out _));
        Assert.False(WebhookRouting.TryRead(new byte[WebhookPayload.MaxBodyBytes + 1], out _));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Depth_is_capped(int nesting, bool readable)
    {
        // root, entry[], entry, changes[], change, value: six levels before the nesting.
        var body = Payloads.Value($$"""{"metadata":{"phone_number_id":"1"},"x":{{new string('[', nesting)}}{{new string(']', nesting)}}}""");
        Assert.Equal(WebhookRouting.MaxDepth, 6 + 10);
        Assert.Equal(readable, WebhookRouting.TryRead(body, out _));
    }

    [Theory]
    [InlineData(WebhookRouting.MaxIds, true)]
    [InlineData(WebhookRouting.MaxIds + 1, false)]
    public void The_number_of_ids_is_capped(int count, bool readable)
    {
        // Each id once, then a repeat of the first: repeats do not count against the cap.
        var changes = Enumerable.Range(0, count).Append(0).Select(i => "{\"value\":{\"metadata\":{\"phone_number_id\":\"" + i + "\"}}}");
        var body = Payloads.Envelope("[{\"id\":\"1\",\"changes\":[" + string.Join(',', changes) + "]}]");
        Assert.Equal(readable, WebhookRouting.TryReadPhoneNumberIds(body, out var ids));
        Assert.Equal(readable ? count : 0, ids.Count);
    }

    [Theory]
    [InlineData(WebhookRouting.MaxIdBytes, true)]
    [InlineData(WebhookRouting.MaxIdBytes + 1, false)]
    public void Ids_are_short(int length, bool readable) =>
        Assert.Equal(readable, WebhookRouting.TryRead(Payloads.Value($$$"""{"metadata":{"phone_number_id":"{{{new string('1', length)}}}"}}"""), out _));

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_000_000)]
    public void Memory_does_not_grow_with_nesting_or_size(int size)
    {
        byte[][] bodies =
        [
            Payloads.Value($$"""{"x":{{new string('[', size)}}{{new string(']', size)}}}"""),
            Payloads.Value($$"""{"metadata":{"phone_number_id":"1"},"x":"{{new string('a', size * 3)}}"}"""),
            Payloads.Value($$"""{"metadata":{"phone_number_id":"1"},"x":[{{string.Join(',', Enumerable.Repeat("{\"a\":[1]}", size / 10))}}]}"""),
        ];
        WebhookRouting.TryRead(bodies[1], out _);
        foreach (var body in bodies)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            WebhookRouting.TryRead(body, out _);
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024);
        }
    }
}
