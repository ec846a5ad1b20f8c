using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;

namespace PesanAI.Application.Messaging;

public sealed record MessageRead(Guid TenantId, MessageRecord Message);

/// <summary>One message of the tenant: by PesanAI's message id (outbound) or by Meta's wamid (either direction).</summary>
public sealed record GetMessage(string MessageId) : IQuery<MessageRead>, IValidatable, IPersonalDataRead<MessageRead>
{
    public IEnumerable<FieldViolation> Validate() => Check.Required("message_id", MessageId, 256);

    public DataAccess DescribeAccess(MessageRead result) => new(result.TenantId, "message", [result.Message.Id]);
}

public sealed class GetMessageHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<GetMessage, MessageRead>
{
    public async ValueTask<MessageRead> Handle(GetMessage query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var record = await session.LoadAsync<MessageRecord>(query.MessageId, cancellationToken);
        if (record is null && await session.LoadAsync<OutboundWamid>(query.MessageId, cancellationToken) is { } outbound)
        {
            record = await session.LoadAsync<MessageRecord>(MessageRecord.OutboundId(outbound.MessageId), cancellationToken);
        }

        return new MessageRead(tenantId, record ?? throw new NotFoundException("message", query.MessageId));
    }
}
