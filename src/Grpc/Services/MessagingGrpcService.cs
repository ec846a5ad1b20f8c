using global::Grpc.Core;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Common;
using PesanAI.Application.Messaging;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using PesanAI.Protos.Messaging.V1;
using Conversations = PesanAI.Protos.Conversations.V1;

namespace PesanAI.Host.Services;

/// <summary>pesanai.messaging.v1.MessagingService: map the request, send it, map the result.</summary>
public sealed class MessagingGrpcService(ISender sender, ICurrentActor actor) : MessagingService.MessagingServiceBase
{
    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<SendMessageResponse> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        // A member's own credential sends as the member; an application credential as the API.
        var origin = actor.MemberId is null ? Domain.Messaging.MessageOrigin.Api : Domain.Messaging.MessageOrigin.Member;
        var sent = await sender.Send(request.ToCommand(origin), context.CancellationToken);
        return new SendMessageResponse { Message = sent.Message.ToProto(), Repeated = sent.Repeated };
    }

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<Conversations.Conversation> MarkAsRead(MarkAsReadRequest request, ServerCallContext context) =>
        (await sender.Send(new MarkAsRead(request.ConversationId, string.IsNullOrEmpty(request.Wamid) ? null : request.Wamid), context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<ResolveInDoubtResponse> ResolveInDoubt(ResolveInDoubtRequest request, ServerCallContext context)
    {
        var resolved = await sender.Send(request.ToCommand(), context.CancellationToken);
        return new ResolveInDoubtResponse { Message = resolved.Message.ToProto(), Resent = resolved.Resent?.ToProto() };
    }

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<Conversations.Message> GetMessage(GetMessageRequest request, ServerCallContext context) =>
        (await sender.Send(new GetMessage(request.MessageId), context.CancellationToken)).Message.ToProto();
}
