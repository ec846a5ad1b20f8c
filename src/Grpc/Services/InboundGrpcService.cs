using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Inbound;
using PesanAI.Host.Auth;
using Api = PesanAI.Protos.Operations.V1;

namespace PesanAI.Host.Services;

/// <summary>pesanai.operations.v1.InboundService: the platform operator's view of the inbound line. Operator only.</summary>
public sealed class InboundGrpcService(ISender sender, IMapper mapper) : Api.InboundService.InboundServiceBase
{
    [Authorize(Policy = Policies.Platform)]
    public override async Task<Api.InboundBacklog> GetInboundBacklog(Api.GetInboundBacklogRequest request, ServerCallContext context) =>
        mapper.Map<Api.InboundBacklog>(await sender.Send(new GetInboundBacklog(), context.CancellationToken));

    [Authorize(Policy = Policies.Platform)]
    public override async Task<Api.ListParkedWebhooksResponse> ListParkedWebhooks(Api.ListParkedWebhooksRequest request, ServerCallContext context)
    {
        var page = await sender.Send(new ListParkedWebhooks(request.PageSize, request.PageToken), context.CancellationToken);
        var response = new Api.ListParkedWebhooksResponse { NextPageToken = page.NextPageToken };
        response.ParkedWebhooks.AddRange(page.ParkedWebhooks.Select(mapper.Map<Api.ParkedWebhook>));
        return response;
    }

    [Authorize(Policy = Policies.Platform)]
    public override async Task<Api.ParkedWebhook> ReplayParkedWebhook(Api.ReplayParkedWebhookRequest request, ServerCallContext context) =>
        mapper.Map<Api.ParkedWebhook>(await sender.Send(new ReplayParkedWebhook(request.ParkedWebhookId), context.CancellationToken));
}
