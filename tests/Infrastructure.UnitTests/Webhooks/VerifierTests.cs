using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PesanAI.Application.Inbound;
using PesanAI.Infrastructure.WhatsApp;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>
/// The verifier's routes and changes: only what a signing secret covers, the routes looked up once per webhook (the
/// ingest takes them from here), and each refusal as the endpoint maps it.
/// </summary>
public sealed class VerifierTests
{
    private const string OtherNumber = "106540352242923";
    private const string OtherWaba = "102290129340399";
    private static readonly Guid TenantA = Guid.Parse("0f6f1c1e-58a4-4f8e-9a55-7d1d2a3b4c01");
    private static readonly Guid TenantB = Guid.Parse("0f6f1c1e-58a4-4f8e-9a55-7d1d2a3b4c02");
    private static readonly byte[] SecretA = Encoding.UTF8.GetBytes("secret-of-a");
    private static readonly byte[] SecretB = Encoding.UTF8.GetBytes("secret-of-b");

    private readonly Directory _directory = new(
        new PhoneNumberRoute(Fixtures.PhoneNumberId, TenantA, SecretA, Fixtures.WabaId),
        new PhoneNumberRoute(OtherNumber, TenantB, SecretB, OtherWaba));

    [Fact]
    public async Task One_tenants_secret_covers_its_own_numbers_only()
    {
        // multi_entry: A's number, B's number, and a template update of B's WABA.
        var body = Fixtures.Bytes("multi_entry");

        var verification = await VerifyAsync(body, WebhookSignature.Sign(body, SecretA));
        var ingest = await ResolveAsync(verification);

        Assert.Equal(WebhookVerdict.Verified, verification.Verdict);
        var signers = verification.Accepted!.Signers;
        Assert.False(signers.Platform);
        Assert.Equal([Fixtures.PhoneNumberId], signers.PhoneNumberIds);
        Assert.Equal([TenantA], signers.TenantIds);
        Assert.Equal([Fixtures.PhoneNumberId], ingest.Routes.ByPhoneNumber.Keys);
        Assert.All(ingest.Changes, c => Assert.Equal(Fixtures.PhoneNumberId, c.PhoneNumberId));
        Assert.Equal(2, ingest.Changes.Count);
        Assert.Empty(ingest.Routes.ByWaba);
        Assert.Equal([Fixtures.PhoneNumberId, OtherNumber], ingest.Raw.PhoneNumberIds);
        Assert.Equal(body, ingest.Raw.Body);
    }

    [Fact]
    public async Task The_request_looks_up_only_what_the_signature_needs_and_does_not_parse_the_items()
    {
        var body = Fixtures.Bytes("multi_entry");

        var verification = await VerifyAsync(body, WebhookSignature.Sign(body, SecretA));

        // The numbers it names (to find their secrets); the WABA of B's template update only later, when resolving.
        Assert.NotNull(verification.Accepted);
        Assert.Equal((1, 0), (_directory.NumberLookups, _directory.WabaLookups));
    }

    [Fact]
    public async Task A_route_changed_after_the_acknowledgement_is_resolved_as_it_is_now_but_only_for_the_recorded_signers()
    {
        var body = Fixtures.Bytes("multi_entry");
        var accepted = (await VerifyAsync(body, WebhookSignature.Sign(body, SecretA))).Accepted!;

        // B's number moves to tenant A after the 200: A's signature did not cover it then, so it stays out.
        var later = new Directory(
            new PhoneNumberRoute(Fixtures.PhoneNumberId, TenantA, SecretA, Fixtures.WabaId) { TenantActive = false },
            new PhoneNumberRoute(OtherNumber, TenantA, SecretA, OtherWaba));
        var (ingest, error) = await new WebhookVerifier(later, TimeProvider.System, NullLogger<WebhookVerifier>.Instance).ResolveAsync(accepted, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal([Fixtures.PhoneNumberId], ingest!.Routes.ByPhoneNumber.Keys);
        Assert.False(ingest.Routes.ByPhoneNumber[Fixtures.PhoneNumberId].TenantActive);

        // Template statuses go by WABA to the signing tenants only: B's former WABA is A's now.
        Assert.All(ingest.Routes.ByWaba, r => Assert.Equal(TenantA, r.TenantId));
    }

    [Fact]
    public async Task The_platform_secret_covers_every_number_and_keeps_changes_of_unknown_ones_for_the_log()
    {
        var body = Fixtures.Bytes("multi_entry");
        var directory = new Directory(new PhoneNumberRoute(Fixtures.PhoneNumberId, TenantA, SecretA, Fixtures.WabaId));
        var verifier = new WebhookVerifier(directory, TimeProvider.System, NullLogger<WebhookVerifier>.Instance);

        var verification = await verifier.VerifyAsync(body, WebhookSignature.Sign(body, Encoding.UTF8.GetBytes("platform")), "platform", CancellationToken.None);
        var (ingest, _) = await verifier.ResolveAsync(verification.Accepted!, CancellationToken.None);

        Assert.True(verification.Accepted!.Signers.Platform);
        Assert.Equal([Fixtures.PhoneNumberId], ingest!.Routes.ByPhoneNumber.Keys);
        Assert.Equal([Fixtures.PhoneNumberId, Fixtures.PhoneNumberId, OtherNumber], ingest.Changes.Select(c => c.PhoneNumberId));
    }

    [Fact]
    public async Task A_template_update_is_verified_by_its_wabas_secret()
    {
        var body = Fixtures.Bytes("template_approved");

        var verification = await VerifyAsync(body, WebhookSignature.Sign(body, SecretA));
        var ingest = await ResolveAsync(verification);

        Assert.Equal(TenantA, Assert.Single(ingest.Routes.ByWaba).TenantId);
        Assert.Equal("APPROVED", Assert.Single(ingest.TemplateStatuses).Event);
        Assert.Empty(ingest.Changes);
    }

    [Fact]
    public async Task Refusals_are_told_apart()
    {
        var text = Fixtures.Bytes("text");
        var malformed = text[..^3];
        var unknown = Encoding.UTF8.GetBytes(Fixtures.Text("text").Replace(Fixtures.PhoneNumberId, "999", StringComparison.Ordinal));
        var notWhatsApp = Encoding.UTF8.GetBytes(Fixtures.Text("text").Replace("whatsapp_business_account", "page", StringComparison.Ordinal));

        Assert.Equal(WebhookVerdict.Unsigned, (await VerifyAsync(text, string.Empty)).Verdict);
        Assert.Equal(WebhookVerdict.Unsigned, (await VerifyAsync(text, WebhookSignature.Sign(text, SecretB))).Verdict);
        Assert.Equal(WebhookVerdict.Malformed, (await VerifyAsync(malformed, WebhookSignature.Sign(malformed, SecretA))).Verdict);
        Assert.Equal(WebhookVerdict.Unsigned, (await VerifyAsync(malformed, WebhookSignature.Sign(malformed, SecretB))).Verdict);
        Assert.Equal(WebhookVerdict.Unverifiable, (await VerifyAsync(unknown, WebhookSignature.Sign(unknown, SecretA))).Verdict);
        Assert.Equal(WebhookVerdict.Unparsable, (await VerifyAsync(notWhatsApp, WebhookSignature.Sign(notWhatsApp, SecretA))).Verdict);
    }

    private async Task<IngestWebhook> ResolveAsync(WebhookVerification verification)
    {
        var (ingest, error) = await new WebhookVerifier(_directory, TimeProvider.System, NullLogger<WebhookVerifier>.Instance)
            .ResolveAsync(Assert.IsType<RawWebhook>(verification.Accepted), CancellationToken.None);
        Assert.Null(error);
        return ingest!;
    }

    private Task<WebhookVerification> VerifyAsync(byte[] body, string signature) =>
        new WebhookVerifier(_directory, TimeProvider.System, NullLogger<WebhookVerifier>.Instance).VerifyAsync(body, signature, null, CancellationToken.None);

    /// <summary>A routing table that counts its lookups.</summary>
    private sealed class Directory(params PhoneNumberRoute[] routes) : IPhoneNumberDirectory
    {
        public int NumberLookups { get; private set; }

        public int WabaLookups { get; private set; }

        public Task<IReadOnlyDictionary<string, PhoneNumberRoute>> FindAsync(IReadOnlyCollection<string> phoneNumberIds, CancellationToken cancellationToken)
        {
            NumberLookups++;
            return Task.FromResult<IReadOnlyDictionary<string, PhoneNumberRoute>>(
                routes.Where(r => phoneNumberIds.Contains(r.PhoneNumberId)).ToDictionary(r => r.PhoneNumberId, StringComparer.Ordinal));
        }

        public Task<IReadOnlyList<PhoneNumberRoute>> FindByWabaAsync(IReadOnlyCollection<string> wabaIds, CancellationToken cancellationToken)
        {
            WabaLookups++;
            return Task.FromResult<IReadOnlyList<PhoneNumberRoute>>([.. routes.Where(r => r.WabaId is not null && wabaIds.Contains(r.WabaId))]);
        }

        public Task<bool> IsVerifyTokenAsync(string verifyToken, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> HasAutomationAsync(Guid tenantId, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
