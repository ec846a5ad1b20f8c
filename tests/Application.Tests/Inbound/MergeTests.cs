using System.Text;
using PesanAI.Application.Inbound;
using PesanAI.Application.Templates;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Tests.Inbound;

/// <summary>
/// A processor batch merges webhooks signed by different tenants into one run. Each webhook must bring in only what its
/// own signature covered, whatever routes the other webhooks of the batch bring.
/// </summary>
public sealed class MergeTests
{
    private static readonly Guid TenantA = Guid.Parse("5d0b6a3e-2a0c-4c55-9b61-1f0f3c6a2e21");
    private static readonly Guid TenantB = Guid.Parse("5d0b6a3e-2a0c-4c55-9b61-1f0f3c6a2e22");
    private static readonly PhoneNumberRoute NumberA = new("111", TenantA, Encoding.UTF8.GetBytes("a"), "waba-a");
    private static readonly PhoneNumberRoute NumberB = new("222", TenantB, Encoding.UTF8.GetBytes("b"), "waba-b");
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-02T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_webhook_signed_by_one_tenant_brings_in_nothing_of_another_tenant_that_the_batch_routes()
    {
        // A (signed by tenant A only) names B's number and B's WABA; B's own webhook in the same batch routes both.
        var fromA = Webhook(new WebhookRoutes(Routes(NumberA), [NumberA]), [Change("111", "wamid.a"), Change("222", "wamid.forged")], ["waba-a", "waba-b"]);
        var fromB = Webhook(new WebhookRoutes(Routes(NumberB), [NumberB]), [Change("222", "wamid.b")], ["waba-b"]);

        var merged = InboundIngest.Merge([fromA, fromB]);

        Assert.Equal(["wamid.a", "wamid.b"], merged.Changes.SelectMany(c => c.Messages).Select(m => m.Wamid));
        Assert.Equal([("waba-a", "a"), ("waba-b", "b")], merged.TemplateStatuses.Select(r => (r.WabaId, r.Name!)));
        Assert.Equal(["111", "222"], merged.Routes.ByPhoneNumber.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_webhook_the_platform_signed_keeps_its_changes_of_unregistered_numbers_for_the_log()
    {
        var platform = Webhook(new WebhookRoutes(Routes(NumberA), []) { SignedByPlatform = true }, [Change("111", "wamid.a"), Change("999", "wamid.unknown")], []);
        var fromB = Webhook(new WebhookRoutes(Routes(NumberB), [NumberB]), [Change("222", "wamid.b")], []);

        var merged = InboundIngest.Merge([platform, fromB]);

        Assert.Equal(["wamid.a", "wamid.unknown", "wamid.b"], merged.Changes.SelectMany(c => c.Messages).Select(m => m.Wamid));
        Assert.False(merged.Routes.ByPhoneNumber.ContainsKey("999"));
    }

    private static Dictionary<string, PhoneNumberRoute> Routes(PhoneNumberRoute route) => new(StringComparer.Ordinal) { [route.PhoneNumberId] = route };

    /// <summary>A webhook whose template statuses are named by the signing tenant's letter (from whom they came).</summary>
    private static IngestWebhook Webhook(WebhookRoutes routes, InboundChange[] changes, string[] wabas)
    {
        var signer = routes.ByPhoneNumber.Values.First().TenantId == TenantA ? "a" : "b";
        var raw = new RawWebhook(Guid.CreateVersion7(), At, [.. changes.Select(c => c.PhoneNumberId)], [], new WebhookSigners(routes.SignedByPlatform, [], []));
        return new IngestWebhook(raw, routes, changes)
        {
            TemplateStatuses = [.. wabas.Select(w => new TemplateStatusReport(w, "APPROVED", "1", signer, "id", null, null))],
        };
    }

    private static InboundChange Change(string number, string wamid) =>
        new(number, [new InboundMessage(wamid, new CustomerIdentity("6281100000" + number, null), MessageContent.OfText("halo"), null, null, At)], []);
}
