using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Automation;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Automation;

/// <summary>
/// Replaces the tenant's AI settings. <see cref="ApiKey"/> is encrypted before it is recorded; without one the stored
/// key stays, <see cref="ClearApiKey"/> removes it. <see cref="Settings"/>' own protected key is ignored.
/// </summary>
public sealed record UpdateAiSettings(AiSettings? Settings, string? ApiKey, bool ClearApiKey, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public const int MaxApiKeyLength = 1_000;

    public IEnumerable<FieldViolation> Validate()
    {
        if (Settings is null)
        {
            yield return new FieldViolation("settings", "is required");
        }
        else
        {
            foreach (var problem in AiSettingsRules.Check(Settings, "settings."))
            {
                yield return new FieldViolation(problem.Field, problem.Description);
            }
        }

        if (!string.IsNullOrEmpty(ApiKey))
        {
            // It goes into an HTTP header: visible ASCII only.
            if (ApiKey.Length > MaxApiKeyLength || ApiKey.Any(c => c is < '!' or > '~'))
            {
                yield return new FieldViolation("api_key", $"must be 1 to {MaxApiKeyLength} visible ASCII characters");
            }

            if (ClearApiKey)
            {
                yield return new FieldViolation("clear_api_key", "cannot be set together with api_key");
            }
        }
    }

    /// <summary>The key stays out of logs and exception messages even if the record is printed.</summary>
    public override string ToString() => $"UpdateAiSettings {{ ApiKeyGiven = {!string.IsNullOrEmpty(ApiKey)}, ClearApiKey = {ClearApiKey}, ExpectedVersion = {ExpectedVersion} }}";
}

public sealed class UpdateAiSettingsHandler(IDocumentSession session, ISecretProtector secrets, ICurrentActor actor, TimeProvider clock)
    : ICommandHandler<UpdateAiSettings, Tenant>
{
    public async ValueTask<Tenant> Handle(UpdateAiSettings command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var key = string.IsNullOrEmpty(command.ApiKey)
            ? new ApiKeyChange(null, command.ClearApiKey)
            : new ApiKeyChange(secrets.Protect(command.ApiKey), Clear: false);
        return await TenantStream.Update(
            session,
            tenantId,
            command.ExpectedVersion,
            tenant => AiSettingsDecider.Configure(tenant, command.Settings!, key, clock.GetUtcNow()),
            cancellationToken);
    }
}
