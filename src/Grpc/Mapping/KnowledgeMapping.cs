using Mapster;
using PesanAI.Application.Knowledge;
using Api = PesanAI.Protos.Knowledge.V1;
using Model = PesanAI.Domain.Knowledge;

namespace PesanAI.Host.Mapping;

/// <summary>The knowledge base: a few flat messages.</summary>
public sealed class KnowledgeMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // Enums by hand: the wire reserves 0 for UNSPECIFIED.
        config.NewConfig<UpsertOutcome, Api.UpsertOutcome>().MapWith(outcome => ToProto(outcome));
        config.NewConfig<Model.ReplyKind, Api.Decision>()
            .MapWith(kind => kind == Model.ReplyKind.Reply ? Api.Decision.Reply : Api.Decision.Handoff);

        config.NewConfig<Api.UpsertEntryRequest, Model.KnowledgeDraft>();
        config.NewConfig<Api.ImportEntry, Model.KnowledgeDraft>();

        config.NewConfig<Model.KnowledgeEntry, Api.KnowledgeEntry>()
            .Map(dest => dest.EntryId, src => src.Id.ToString())
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt);
        config.NewConfig<UpsertedEntry, Api.UpsertEntryResponse>();
        config.NewConfig<KnowledgeEntryPage, Api.ListEntriesResponse>();
        config.NewConfig<ImportResult, Api.ImportEntriesResponse>()
            .Map(dest => dest.CreatedCount, src => src.Created)
            .Map(dest => dest.UpdatedCount, src => src.Updated)
            .Map(dest => dest.UnchangedCount, src => src.Unchanged);
        config.NewConfig<KnowledgeReply, Api.TestReplyResponse>()
            .Map(dest => dest.Decision, src => src.Decision.Kind)
            .Map(dest => dest.EntryIds, src => src.Decision.EntryIds)
            .Map(dest => dest.Score, src => src.Decision.Confidence)
            .Map(dest => dest.Reason, src => src.Decision.Reason)
            .Map(dest => dest.Version, src => src.KnowledgeVersion)
            .Map(dest => dest.Explanation, src => src.Explanation)
            .Ignore(dest => dest.Candidates)
            .AfterMapping((src, dest) => dest.Candidates.AddRange(src.Candidates.Select(c => new Api.ReplyCandidate
            {
                EntryId = c.EntryId.ToString(),
                Question = c.Question,
                Strength = c.Strength,
                Score = c.Score,
                Coverage = c.Coverage,
            })));
    }

    private static Api.UpsertOutcome ToProto(UpsertOutcome outcome) => outcome switch
    {
        UpsertOutcome.Created => Api.UpsertOutcome.Created,
        UpsertOutcome.Updated => Api.UpsertOutcome.Updated,
        UpsertOutcome.Unchanged => Api.UpsertOutcome.Unchanged,
        _ => Api.UpsertOutcome.Unspecified,
    };
}
