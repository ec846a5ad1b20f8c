using JasperFx;
using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record RegisterPhoneNumber(
    string TenantId,
    string PhoneNumberId,
    string DisplayPhoneNumber,
    string WabaId,
    string AccessToken,
    string AppSecret,
    string VerifyToken,
    string? Label,
    long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId)
            .Concat(Check.Digits("phone_number_id", PhoneNumberId, 32))
            .Concat(TenantChecks.PhoneNumber("display_phone_number", DisplayPhoneNumber))
            .Concat(Check.Digits("waba_id", WabaId, 32))
            .Concat(Check.Required("access_token", AccessToken, 4096))
            .Concat(Check.Required("app_secret", AppSecret, 256))
            .Concat(Check.Required("verify_token", VerifyToken, 256))
            .Concat(Check.MaxLength("label", Label, 100));

    /// <summary>Secrets stay out of logs and exception messages even if the record is printed.</summary>
    public override string ToString() => $"RegisterPhoneNumber {{ TenantId = {TenantId}, PhoneNumberId = {PhoneNumberId} }}";
}

public sealed class RegisterPhoneNumberHandler(IDocumentSession session, ISecretProtector secrets, ICurrentActor actor, TimeProvider clock, NumberHealthCheck health)
    : ICommandHandler<RegisterPhoneNumber, Tenant>
{
    public async ValueTask<Tenant> Handle(RegisterPhoneNumber command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantScope.Resolve(actor, command.TenantId);
        var now = clock.GetUtcNow();
        var registration = new PhoneNumberRegistration(
            command.PhoneNumberId,
            command.DisplayPhoneNumber,
            command.WabaId,
            secrets.Protect(command.AccessToken),
            secrets.Protect(command.AppSecret),
            secrets.Hash(command.VerifyToken),
            command.Label?.Trim() ?? string.Empty);

        // The claim row's primary key is the phone_number_id: the database admits one tenant per number.
        session.Insert(new PhoneNumberClaim(command.PhoneNumberId, tenantId, now, registration.VerifyTokenHash, command.WabaId));
        Tenant registered;
        try
        {
            registered = await TenantStream.Update(
                session,
                tenantId,
                command.ExpectedVersion,
                tenant => TenantDecider.RegisterPhoneNumber(tenant, registration, now),
                cancellationToken);
        }
        catch (ConcurrencyConflictException ex) when (ex.InnerException is DocumentAlreadyExistsException claimed)
        {
            // The write path reports every lost race as a conflict; the claim row lost to another tenant's is not one.
            throw new DomainException(
                "PHONE_NUMBER_TAKEN",
                "This phone_number_id is already registered on the platform.",
                RuleKind.AlreadyExists,
                claimed);
        }

        // Meta's view of the number (quality, throughput, limit) once it is registered. A failed read leaves the health
        // unknown (logged, no event) and never fails the registration, which has committed.
        try
        {
            return await health.RunAsync(session, registered, command.PhoneNumberId, cancellationToken, recordFailure: false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return registered;
        }
    }
}
