using PesanAI.Application.Conversations;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Inbound;

/// <summary>
/// PesanAI's messages behind the wamids of a batch's statuses: known by the wamid Meta accepted them under, or,
/// for an attempt whose answer was lost (in doubt), by the message id PesanAI put in biz_opaque_callback_data.
/// </summary>
internal sealed class OutboundLookup(IEnumerable<OutboundWamid> known, IEnumerable<MessageRecord> callbacks)
{
    private readonly Dictionary<string, Guid> _byWamid = known.ToDictionary(k => k.Id, k => k.MessageId);
    private readonly Dictionary<Guid, MessageRecord> _byCallback = callbacks.Where(r => r.MessageId is not null).ToDictionary(r => r.MessageId!.Value);

    public Guid? MessageIdOf(string wamid) => _byWamid.TryGetValue(wamid, out var id) ? id : null;

    /// <summary>The acceptance a status proves for a message of this conversation not yet known under that wamid.</summary>
    public IReadOnlyList<object> Settle(Guid conversationId, StatusUpdate status, DateTimeOffset now)
    {
        if (_byWamid.ContainsKey(status.Wamid) || !Guid.TryParse(status.CallbackData, out var messageId)
            || !_byCallback.TryGetValue(messageId, out var record) || record.ConversationId != conversationId)
        {
            return [];
        }

        _byWamid[status.Wamid] = messageId;
        return DispatchDecider.Settle(conversationId, messageId, record.Progress, status.Wamid, now);
    }
}
