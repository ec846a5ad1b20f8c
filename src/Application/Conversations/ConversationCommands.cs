using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Conversations;

public sealed record AssignConversation(string ConversationId, string MemberId, long? ExpectedVersion) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId).Concat(Check.Id("member_id", MemberId));
}

public sealed record UnassignConversation(string ConversationId, long? ExpectedVersion) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId);
}

public sealed record HandOffToHuman(string ConversationId, string? Reason, long? ExpectedVersion) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId).Concat(Check.MaxLength("reason", Reason, 500));
}

public sealed record ResumeAutomation(string ConversationId, long? ExpectedVersion) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId);
}

public sealed record CloseConversation(string ConversationId, long? ExpectedVersion) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId);
}

public sealed record SetLabels(string ConversationId, IReadOnlyList<string> Labels, long? ExpectedVersion) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId);
}

/// <summary>The conversation use cases of a tenant's team: each one fetch, decide, append, save.</summary>
public sealed class ConversationCommandHandlers(IDocumentSession session, ICurrentActor actor, TimeProvider clock)
    : ICommandHandler<AssignConversation, Conversation>,
        ICommandHandler<UnassignConversation, Conversation>,
        ICommandHandler<HandOffToHuman, Conversation>,
        ICommandHandler<ResumeAutomation, Conversation>,
        ICommandHandler<CloseConversation, Conversation>,
        ICommandHandler<SetLabels, Conversation>
{
    public async ValueTask<Conversation> Handle(AssignConversation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenant = await TenantStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
        var memberId = Guid.Parse(command.MemberId);
        if (tenant.FindMember(memberId) is null)
        {
            throw new DomainException("MEMBER_NOT_FOUND", "The tenant has no such member.", RuleKind.NotFound);
        }

        return await Update(command.ConversationId, command.ExpectedVersion, c => ConversationDecider.Assign(c, memberId, clock.GetUtcNow()), cancellationToken);
    }

    public async ValueTask<Conversation> Handle(UnassignConversation command, CancellationToken cancellationToken) =>
        await Update(command.ConversationId, command.ExpectedVersion, c => ConversationDecider.Unassign(c, clock.GetUtcNow()), cancellationToken);

    public async ValueTask<Conversation> Handle(HandOffToHuman command, CancellationToken cancellationToken) =>
        await Update(
            command.ConversationId,
            command.ExpectedVersion,
            c => ConversationDecider.HandOffToHuman(c, string.IsNullOrWhiteSpace(command.Reason) ? "requested by the team" : command.Reason.Trim(), clock.GetUtcNow()),
            cancellationToken);

    public async ValueTask<Conversation> Handle(ResumeAutomation command, CancellationToken cancellationToken) =>
        await Update(command.ConversationId, command.ExpectedVersion, c => ConversationDecider.ResumeAutomation(c, clock.GetUtcNow()), cancellationToken);

    public async ValueTask<Conversation> Handle(CloseConversation command, CancellationToken cancellationToken) =>
        await Update(command.ConversationId, command.ExpectedVersion, c => ConversationDecider.Close(c, clock.GetUtcNow()), cancellationToken);

    public async ValueTask<Conversation> Handle(SetLabels command, CancellationToken cancellationToken) =>
        await Update(command.ConversationId, command.ExpectedVersion, c => ConversationDecider.SetLabels(c, command.Labels, clock.GetUtcNow()), cancellationToken);

    private Task<Conversation> Update(string conversationId, long? expectedVersion, Func<Conversation, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        TenantOwned.TenantOf(actor);
        return ConversationStream.Update(session, Guid.Parse(conversationId), expectedVersion, decide, cancellationToken);
    }
}
