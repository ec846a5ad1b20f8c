using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Common;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Templates;

/// <summary>Submits a template of one of the tenant's numbers to Meta for review; it is usable once Meta approves it (webhook).</summary>
public sealed record RegisterTemplate(
    string PhoneNumberId, string Name, string Language, TemplateCategory? Category, IReadOnlyList<TemplateComponent> Components)
    : ICommand<MessageTemplate>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        var violations = Check.Digits("phone_number_id", PhoneNumberId, 32)
            .Concat(Check.Required("name", Name, 512))
            .Concat(Check.Required("language", Language, 15))
            .ToList();
        if (!string.IsNullOrEmpty(Name) && !System.Text.RegularExpressions.Regex.IsMatch(Name, "^[a-z0-9_]+$"))
        {
            violations.Add(new FieldViolation("name", "must be lower-case letters, digits and underscores, as Meta requires"));
        }

        // An unknown wire number (proto3 keeps it) must not reach Meta either.
        if (Category is not { } category || !Enum.IsDefined(category))
        {
            violations.Add(new FieldViolation("category", "is required: marketing, utility or authentication"));
        }

        var body = Components.Where(c => string.Equals(c.Type, "BODY", StringComparison.OrdinalIgnoreCase)).ToList();
        if (body.Count != 1 || string.IsNullOrWhiteSpace(body[0].Text))
        {
            violations.Add(new FieldViolation("components", "needs exactly one BODY component with text"));
        }

        violations.AddRange(Components.SelectMany((c, i) =>
            c.Type.ToUpperInvariant() is "HEADER" or "BODY" or "FOOTER" or "BUTTONS"
                ? Check.MaxLength($"components[{i}].text", c.Text, string.Equals(c.Type, "BODY", StringComparison.OrdinalIgnoreCase) ? 1024 : 60)
                : [new FieldViolation($"components[{i}].type", "must be HEADER, BODY, FOOTER or BUTTONS")]));
        return violations;
    }
}

public sealed class RegisterTemplateHandler(IDocumentSession session, ICurrentActor actor, IWhatsAppSender sender, ISecretProtector secrets, TimeProvider clock, ITransactionLocks locks)
    : ICommandHandler<RegisterTemplate, MessageTemplate>
{
    public async ValueTask<MessageTemplate> Handle(RegisterTemplate command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenant = await TenantStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
        var number = tenant.FindPhoneNumber(command.PhoneNumberId) ?? throw new NotFoundException("phone_number", command.PhoneNumberId);
        var key = MessageTemplate.KeyOf(number.PhoneNumberId, command.Name, command.Language);
        var streamId = MessageTemplate.StreamIdOf(tenant.Id, key);
        if (await session.LoadAsync<MessageTemplate>(streamId, cancellationToken) is { Status: not (TemplateStatus.Rejected or TemplateStatus.Deleted) } existing)
        {
            throw new DomainException("TEMPLATE_EXISTS", $"Template '{existing.Name}' in '{existing.Language}' is already registered ({existing.Status}).", RuleKind.AlreadyExists);
        }

        var account = new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken));
        var draft = new TemplateDraft(command.Name, command.Language, command.Category!.Value, command.Components);
        TemplateSubmission submitted;
        try
        {
            submitted = await sender.SubmitTemplateAsync(account, draft, cancellationToken);
        }
        catch (GraphApiException ex)
        {
            throw new DomainException("META_REFUSED", $"Meta refused the template: {ex.Error.Code} {ex.Error.Title}. {ex.Error.Details}".Trim());
        }

        // Meta's review may have been reported (webhook) while this request waited for Meta's answer: take it over.
        await TemplateLock.TakeAsync(session, locks, number.WabaId, command.Name, cancellationToken);
        var reports = await session.Query<TemplateStatusRecord>()
            .Where(r => r.Report.WabaId == number.WabaId && r.Report.Name == command.Name)
            .ToListAsync(cancellationToken);
        var reported = reports
            .Where(r => (r.Report.Language is null || r.Report.Language == command.Language)
                && (r.Report.TemplateId is null || r.Report.TemplateId == submitted.MetaTemplateId))
            .OrderByDescending(r => r.ReceivedAt)
            .Select(r => (Status: TemplateStatusSync.StatusOf(r.Report.Event), r.Report.Reason))
            .FirstOrDefault(r => r.Status is not null);

        var now = clock.GetUtcNow();
        var registered = new TemplateRegistered(streamId, new TemplateDefinition(
            number.PhoneNumberId, number.WabaId, command.Name, command.Language, draft.Category, draft.ParameterFormat, command.Components,
            reported.Status ?? submitted.Status, submitted.MetaTemplateId, reported.Reason, TemplateQuality.Unknown), now);
        session.Events.Append(streamId, registered);
        await session.SaveChangesAsync(cancellationToken);
        return MessageTemplate.Start(registered)!;
    }
}
