using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record CreateTenant(string DisplayName, string? TimeZone, string? DefaultLanguage) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.Required("display_name", DisplayName, 200)
            .Concat(TenantChecks.TimeZone("time_zone", TimeZone))
            .Concat(TenantChecks.Language("default_language", DefaultLanguage));
}

public sealed class CreateTenantHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<CreateTenant, Tenant>
{
    public async ValueTask<Tenant> Handle(CreateTenant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var created = TenantDecider.Create(
            Guid.CreateVersion7(),
            command.DisplayName,
            string.IsNullOrEmpty(command.TimeZone) ? TenantChecks.DefaultTimeZone : command.TimeZone,
            string.IsNullOrEmpty(command.DefaultLanguage) ? TenantChecks.DefaultLanguage : command.DefaultLanguage,
            clock.GetUtcNow());
        session.Events.StartStream<Tenant>(created.TenantId, created);
        await session.SaveChangesAsync(cancellationToken);
        return Tenant.Start(created) with { Version = 1 };
    }
}
