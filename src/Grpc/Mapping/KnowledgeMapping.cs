using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Knowledge;
using Api = PesanAI.Protos.Knowledge.V1;
using Model = PesanAI.Domain.Knowledge;

namespace PesanAI.Host.Mapping;

/// <summary>The knowledge base to and from protobuf, by hand: a few flat messages.</summary>
public static class KnowledgeMapping
{
    public static Model.KnowledgeDraft ToDraft(this Api.UpsertEntryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Model.KnowledgeDraft(request.Question, request.Answer, [.. request.Tags], request.Language);
    }

    public static Model.KnowledgeDraft ToDraft(this Api.ImportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Model.KnowledgeDraft(entry.Question, entry.Answer, [.. entry.Tags], entry.Language);
    }

    public static Api.KnowledgeEntry ToProto(this Model.KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Api.KnowledgeEntry
        {
            EntryId = entry.Id.ToString(),
            Question = entry.Question,
            Answer = entry.Answer,
            Tags = { entry.Tags },
            Language = entry.Language,
            CreateTime = Timestamp.FromDateTimeOffset(entry.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(entry.UpdatedAt),
        };
    }

    public static Api.UpsertEntryResponse ToProto(this UpsertedEntry upserted)
    {
        ArgumentNullException.ThrowIfNull(upserted);
        return new Api.UpsertEntryResponse
        {
            Entry = upserted.Entry.ToProto(),
            Outcome = upserted.Outcome switch
            {
                UpsertOutcome.Created => Api.UpsertOutcome.Created,
                UpsertOutcome.Updated => Api.UpsertOutcome.Updated,
                UpsertOutcome.Unchanged => Api.UpsertOutcome.Unchanged,
                _ => Api.UpsertOutcome.Unspecified,
            },
            Version = upserted.Version,
        };
    }

    public static Api.ListEntriesResponse ToProto(this KnowledgeEntryPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new Api.ListEntriesResponse
        {
            Entries = { page.Entries.Select(e => e.ToProto()) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
            Version = page.Version,
        };
    }

    public static Api.ImportEntriesResponse ToProto(this ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Api.ImportEntriesResponse
        {
            EntryIds = { result.EntryIds.Select(id => id.ToString()) },
            CreatedCount = result.Created,
            UpdatedCount = result.Updated,
            UnchangedCount = result.Unchanged,
            Version = result.Version,
        };
    }

    public static Api.TestReplyResponse ToProto(this KnowledgeReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new Api.TestReplyResponse
        {
            Decision = reply.Decision.Kind == Model.ReplyKind.Reply ? Api.Decision.Reply : Api.Decision.Handoff,
            ReplyText = reply.ReplyText ?? string.Empty,
            EntryIds = { reply.Decision.EntryIds.Select(id => id.ToString()) },
            Score = reply.Decision.Confidence,
            Reason = reply.Decision.Reason,
            Version = reply.KnowledgeVersion,
        };
    }
}
