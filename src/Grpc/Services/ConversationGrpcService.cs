using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using PesanAI.Application.Conversations;
using PesanAI.Host.Auth;
using PesanAI.Protos.Conversations.V1;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.conversations.v1.ConversationService: map the request, send it, map the result.</summary>
public sealed class ConversationGrpcService(ISender sender, IMapper mapper) : ConversationService.ConversationServiceBase
{
    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListConversationsResponse> ListConversations(ListConversationsRequest request, ServerCallContext context)
    {
        var page = await sender.Send(
            new ListConversations(
                mapper.Map<Domain.Conversations.ConversationState?>(request.State),
                request.AssigneeId,
                request.Label,
                request.Unread,
                request.UpdatedSince?.ToDateTimeOffset(),
                request.PageSize,
                request.PageToken),
            context.CancellationToken);
        return new ListConversationsResponse { Conversations = { page.Conversations.Select(mapper.Map<Conversation>) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<Conversation> GetConversation(GetConversationRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>((await sender.Send(new GetConversation(request.ConversationId), context.CancellationToken)).Conversation);

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        var page = await sender.Send(new ListMessages(request.ConversationId, request.PageSize, request.PageToken), context.CancellationToken);
        return new ListMessagesResponse { Messages = { page.Messages.Select(mapper.Map<Message>) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Conversation> AssignConversation(AssignConversationRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>(await sender.Send(
            new AssignConversation(request.ConversationId, request.MemberId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Conversation> UnassignConversation(UnassignConversationRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>(await sender.Send(
            new UnassignConversation(request.ConversationId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Conversation> HandOffToHuman(HandOffToHumanRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>(await sender.Send(
            new HandOffToHuman(request.ConversationId, request.Reason, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Conversation> ResumeAutomation(ResumeAutomationRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>(await sender.Send(
            new ResumeAutomation(request.ConversationId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Conversation> CloseConversation(CloseConversationRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>(await sender.Send(
            new CloseConversation(request.ConversationId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Conversation> SetLabels(SetLabelsRequest request, ServerCallContext context) =>
        mapper.Map<Conversation>(await sender.Send(
            new SetLabels(request.ConversationId, [.. request.Labels], ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    /// <summary>Runs until the client cancels or its deadline passes; resume with the last position received.</summary>
    [Authorize(Policy = Policies.ConversationsRead)]
    [DisableRequestTimeout]
    public override async Task WatchConversations(WatchConversationsRequest request, IServerStreamWriter<ConversationEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        var feed = await sender.Send(new WatchConversations(request.AfterPosition), context.CancellationToken);
        await foreach (var recorded in feed.Events.WithCancellation(context.CancellationToken))
        {
            await responseStream.WriteAsync(
                new ConversationEvent
                {
                    Position = recorded.Position,
                    ConversationId = recorded.StreamId.ToString(),
                    Type = recorded.Type,
                    Data = recorded.Data,
                    OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(recorded.OccurredAt),
                },
                context.CancellationToken);
        }
    }
}
