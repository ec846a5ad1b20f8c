using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Common;
using PesanAI.Application.Messaging;
using PesanAI.Host.Auth;
using PesanAI.Protos.Messaging.V1;
using Conversations = PesanAI.Protos.Conversations.V1;

namespace PesanAI.Host.Services;

/// <summary>pesanai.messaging.v1.MessagingService: map the request, send it, map the result.</summary>
public sealed class MessagingGrpcService(ISender sender, ICurrentActor actor, IMapper mapper) : MessagingService.MessagingServiceBase
{
    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<SendMessageResponse> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        // A member's own credential sends as the member; an application credential as the API.
        var origin = actor.MemberId is null ? Domain.Messaging.MessageOrigin.Api : Domain.Messaging.MessageOrigin.Member;
        var sent = await sender.Send(mapper.Map<Application.Messaging.SendMessage>(request) with { Origin = origin }, context.CancellationToken);
        return new SendMessageResponse { Message = mapper.Map<Conversations.Message>(sent.Message), Repeated = sent.Repeated };
    }

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<Conversations.Conversation> MarkAsRead(MarkAsReadRequest request, ServerCallContext context) =>
        mapper.Map<Conversations.Conversation>(await sender.Send(new MarkAsRead(request.ConversationId, string.IsNullOrEmpty(request.Wamid) ? null : request.Wamid, request.ShowTyping), context.CancellationToken));

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<ResolveInDoubtResponse> ResolveInDoubt(ResolveInDoubtRequest request, ServerCallContext context)
    {
        var resolved = await sender.Send(mapper.Map<Application.Messaging.ResolveInDoubt>(request), context.CancellationToken);
        return new ResolveInDoubtResponse { Message = mapper.Map<Conversations.Message>(resolved.Message), Resent = resolved.Resent is { } resent ? mapper.Map<Conversations.Message>(resent) : null };
    }

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<Conversations.Message> GetMessage(GetMessageRequest request, ServerCallContext context) =>
        mapper.Map<Conversations.Message>((await sender.Send(new GetMessage(request.MessageId), context.CancellationToken)).Message);
}
