using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Templates;
using PesanAI.Host.Auth;
using PesanAI.Protos.Messaging.V1;

namespace PesanAI.Host.Services;

/// <summary>pesanai.messaging.v1.TemplateService: map the request, send it, map the result.</summary>
public sealed class TemplateGrpcService(ISender sender, IMapper mapper) : TemplateService.TemplateServiceBase
{
    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<Template> RegisterTemplate(RegisterTemplateRequest request, ServerCallContext context) =>
        mapper.Map<Template>(await sender.Send(mapper.Map<Application.Templates.RegisterTemplate>(request), context.CancellationToken));

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context)
    {
        var templates = await sender.Send(new ListTemplates(string.IsNullOrEmpty(request.PhoneNumberId) ? null : request.PhoneNumberId), context.CancellationToken);
        return new ListTemplatesResponse { Templates = { templates.Select(mapper.Map<Template>) } };
    }

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<SyncTemplatesResponse> SyncTemplates(SyncTemplatesRequest request, ServerCallContext context) =>
        mapper.Map<SyncTemplatesResponse>(await sender.Send(new SyncTemplates(request.PhoneNumberId), context.CancellationToken));
}
