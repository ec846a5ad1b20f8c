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

        // Suggestions: ids and optional values by hand (a Guid? becomes "" on the wire, not its default).
        config.NewConfig<Model.KnowledgeSuggestion, Api.SuggestedEntry>()
            .Map(dest => dest.SuggestionId, src => src.Id.ToString())
            .Map(dest => dest.State, src => ToProto(src.State))
            .Map(dest => dest.ConversationId, src => src.ConversationId.ToString())
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.AnsweredBy, src => src.AnsweredBy.HasValue ? src.AnsweredBy.Value.ToString() : string.Empty)
            .Map(dest => dest.DecideTime, src => src.DecidedAt)
            .Map(dest => dest.EntryId, src => src.EntryId.HasValue ? src.EntryId.Value.ToString() : string.Empty)
            .Map(dest => dest.ClosestEntryId, src => src.ClosestEntryId.HasValue ? src.ClosestEntryId.Value.ToString() : string.Empty);
        config.NewConfig<SuggestionPage, Api.ListSuggestedEntriesResponse>();
        config.NewConfig<AcceptedSuggestion, Api.AcceptSuggestionResponse>()
            .Map(dest => dest.Entry, src => src.Upserted.Entry)
            .Map(dest => dest.Outcome, src => src.Upserted.Outcome)
            .Map(dest => dest.Version, src => src.Upserted.Version);
        config.NewConfig<Model.KnowledgeSuggestion, Api.RejectSuggestionResponse>()
            .Map(dest => dest.Suggestion, src => src);
    }

    /// <summary>A request's state filter: UNSPECIFIED is the default (pending), in the handler.</summary>
    public static Model.SuggestionState? FromProto(Api.SuggestionState state) => state switch
    {
        Api.SuggestionState.Pending => Model.SuggestionState.Pending,
        Api.SuggestionState.Accepted => Model.SuggestionState.Accepted,
        Api.SuggestionState.Rejected => Model.SuggestionState.Rejected,
        _ => null,
    };

    private static Api.SuggestionState ToProto(Model.SuggestionState state) => state switch
    {
        Model.SuggestionState.Pending => Api.SuggestionState.Pending,
        Model.SuggestionState.Accepted => Api.SuggestionState.Accepted,
        Model.SuggestionState.Rejected => Api.SuggestionState.Rejected,
        _ => Api.SuggestionState.Unspecified,
    };

    private static Api.UpsertOutcome ToProto(UpsertOutcome outcome) => outcome switch
    {
        UpsertOutcome.Created => Api.UpsertOutcome.Created,
        UpsertOutcome.Updated => Api.UpsertOutcome.Updated,
        UpsertOutcome.Unchanged => Api.UpsertOutcome.Unchanged,
        _ => Api.UpsertOutcome.Unspecified,
    };
}
