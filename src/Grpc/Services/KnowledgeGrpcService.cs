using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Knowledge;
using PesanAI.Host.Auth;
using PesanAI.Protos.Knowledge.V1;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.knowledge.v1.KnowledgeService: map the request, send it, map the result.</summary>
public sealed class KnowledgeGrpcService(ISender sender, IMapper mapper) : KnowledgeService.KnowledgeServiceBase
{
    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<UpsertEntryResponse> UpsertEntry(UpsertEntryRequest request, ServerCallContext context) =>
        mapper.Map<UpsertEntryResponse>(await sender.Send(
            new UpsertEntry(request.EntryId, mapper.Map<Domain.Knowledge.KnowledgeDraft>(request), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<DeleteEntryResponse> DeleteEntry(DeleteEntryRequest request, ServerCallContext context) =>
        new()
        {
            Version = await sender.Send(
                new DeleteEntry(request.EntryId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
                context.CancellationToken),
        };

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListEntriesResponse> ListEntries(ListEntriesRequest request, ServerCallContext context) =>
        mapper.Map<ListEntriesResponse>(await sender.Send(new ListEntries(request.PageSize, request.PageToken, request.Tag), context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<ImportEntriesResponse> ImportEntries(ImportEntriesRequest request, ServerCallContext context) =>
        mapper.Map<ImportEntriesResponse>(await sender.Send(
            new ImportEntries([.. request.Entries.Select(mapper.Map<Domain.Knowledge.KnowledgeDraft>)], ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<TestReplyResponse> TestReply(TestReplyRequest request, ServerCallContext context) =>
        mapper.Map<TestReplyResponse>(await sender.Send(new TestReply(request.Text, request.HasThreshold ? request.Threshold : null), context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<ListSuggestedEntriesResponse> ListSuggestedEntries(ListSuggestedEntriesRequest request, ServerCallContext context) =>
        mapper.Map<ListSuggestedEntriesResponse>(await sender.Send(
            new ListSuggestedEntries(request.PageSize, request.PageToken, Mapping.KnowledgeMapping.FromProto(request.State)), context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<AcceptSuggestionResponse> AcceptSuggestion(AcceptSuggestionRequest request, ServerCallContext context) =>
        mapper.Map<AcceptSuggestionResponse>(await sender.Send(
            new AcceptSuggestion(
                request.SuggestionId,
                new Domain.Knowledge.KnowledgeDraft(request.HasQuestion ? request.Question : null, request.HasAnswer ? request.Answer : null, [.. request.Tags], request.Language),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion))
            {
                EntryId = request.EntryId,
            },
            context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<RejectSuggestionResponse> RejectSuggestion(RejectSuggestionRequest request, ServerCallContext context) =>
        mapper.Map<RejectSuggestionResponse>(await sender.Send(new RejectSuggestion(request.SuggestionId, request.Reason), context.CancellationToken));
}
