using System.Globalization;
using System.Text;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>
/// One body-size limit, the documented 3 MB (read as MiB): every read of a body refuses what the endpoint refuses
/// (413), and Meta's largest batch (1,000 updates) fits with room to spare.
/// </summary>
public sealed class BodySizeTests
{
    private const int ThreeMegabytes = 3 * 1024 * 1024;

    [Fact]
    public void A_well_formed_body_over_3_MB_is_refused_by_the_routing_read_and_the_parse()
    {
        var body = Padded(Payloads.Messages(Payloads.Text("wamid.BIG", "\"hai\"")), ThreeMegabytes + 1);

        Assert.False(WebhookRouting.TryRead(body, out _));
        Assert.False(WebhookPayload.TryParse(body, out _, out var error));
        Assert.Equal($"body is larger than {ThreeMegabytes} bytes", error);
    }

    [Fact]
    public void A_well_formed_body_of_exactly_3_MB_is_read()
    {
        var body = Padded(Payloads.Messages(Payloads.Text("wamid.FULL", "\"hai\"")), ThreeMegabytes);

        Assert.True(WebhookRouting.TryRead(body, out _));
        Assert.Single(Assert.Single(Fixtures.Parse(body).InboundChanges).Messages);
    }

    [Fact]
    public void Meta_batch_of_1000_updates_fits()
    {
        // 1,000 text messages of 1,000 characters each from 1,000 customers: a batch larger than Meta's usual.
        var text = new string('x', 1_000);
        var messages = Enumerable.Range(0, 1_000).Select(i =>
            $$$"""{"from":"62812{{{i.ToString("D7", CultureInfo.InvariantCulture)}}}","id":"wamid.B{{{i}}}","timestamp":"1739321024","type":"text","text":{"body":"{{{text}}}"}}""");
        var contacts = Enumerable.Range(0, 1_000).Select(i =>
            $$"""{"profile":{"name":"Pelanggan {{i}}"},"wa_id":"62812{{i.ToString("D7", CultureInfo.InvariantCulture)}}"}""");
        var body = Payloads.Messages(string.Join(',', messages), string.Join(',', contacts));

        Assert.InRange(body.Length, 1, WebhookPayload.MaxBodyBytes);
        Assert.Equal(1_000, Assert.Single(Fixtures.Parse(body).InboundChanges).Messages.Count);
    }

    private static byte[] Padded(byte[] body, int length) =>
        [.. body, .. Encoding.ASCII.GetBytes(new string(' ', length - body.Length))];
}
