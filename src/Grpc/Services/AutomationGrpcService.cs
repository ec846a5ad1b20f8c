using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Automation;
using PesanAI.Host.Auth;
using PesanAI.Protos.Automation.V1;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.automation.v1.AutomationService: map the request, send it, map the result.</summary>
public sealed class AutomationGrpcService(ISender sender, IMapper mapper) : AutomationService.AutomationServiceBase
{
    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<AiSettings> GetAiSettings(GetAiSettingsRequest request, ServerCallContext context) =>
        mapper.Map<AiSettings>(await sender.Send(new GetAiSettings(), context.CancellationToken));

    [Authorize(Policy = Policies.KnowledgeManage)]
    public override async Task<AiSettings> UpdateAiSettings(UpdateAiSettingsRequest request, ServerCallContext context) =>
        mapper.Map<AiSettings>(await sender.Send(
            new UpdateAiSettings(
                mapper.Map<Domain.Automation.AiSettings>(request.Settings),
                request.ApiKey,
                request.ClearApiKey,
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));
}
