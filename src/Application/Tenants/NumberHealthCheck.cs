using Marten;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

/// <summary>
/// Asks Meta about a number (<c>GET /{phone-number-id}</c>) and records the answer on the tenant's stream, or that the
/// call failed (the health stays as it was: unknown right after registration). Never throws for Meta's failures: a
/// registration must not fail because Meta did not answer a read.
/// </summary>
public sealed partial class NumberHealthCheck(IWhatsAppNumbers numbers, ISecretProtector secrets, TimeProvider clock, NumberThroughputs throughputs, ILogger<NumberHealthCheck> logger)
{
    /// <summary>Asks and records; with <c>recordFailure</c> false a failed read is only logged (the health stays unknown).</summary>
    public async Task<Tenant> RunAsync(IDocumentSession session, Tenant tenant, string phoneNumberId, CancellationToken cancellationToken, bool recordFailure = true)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tenant);
        var number = tenant.FindPhoneNumber(phoneNumberId) ?? throw new NotFoundException("phone_number", phoneNumberId);
        PhoneNumberSnapshot? snapshot = null;
        string? failure = null;
        try
        {
            var account = new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken));
            snapshot = await numbers.GetAsync(account, cancellationToken);
        }
        catch (GraphApiException ex)
        {
            failure = $"META_ERROR_{ex.Error.Code}";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is UnavailableException or HttpRequestException or TaskCanceledException)
        {
            failure = "META_UNREACHABLE";
        }

        if (failure is not null)
        {
            LogCheckFailed(tenant.Id, phoneNumberId, failure);
            if (!recordFailure)
            {
                return tenant;
            }
        }

        var now = clock.GetUtcNow();
        var state = await LostRace.RetryAsync(5, async attempt =>
        {
            var writer = attempt == 1 ? session : session.DocumentStore.LightweightSession();
            try
            {
                return await TenantStream.Update(
                    writer,
                    tenant.Id,
                    null,
                    t => snapshot is null ? NumberHealthDecider.CheckFailed(t, phoneNumberId, failure!, now) : NumberHealthDecider.Checked(t, phoneNumberId, snapshot, now),
                    cancellationToken);
            }
            finally
            {
                if (attempt > 1)
                {
                    await writer.DisposeAsync();
                }
            }
        });
        throughputs.Report(state);
        return state;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /{PhoneNumberId} of tenant {TenantId} failed ({Reason}); the number's health stays as it was")]
    private partial void LogCheckFailed(Guid tenantId, string phoneNumberId, string reason);
}
