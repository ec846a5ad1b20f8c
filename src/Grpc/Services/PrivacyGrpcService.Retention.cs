using global::Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Privacy;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using static PesanAI.Host.Mapping.ProtoMapping;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>Retention: the tenant's own setting (tenant callers only; the operator is refused).</summary>
public sealed partial class PrivacyGrpcService
{
    [Authorize(Policy = Policies.PrivacyManage)]
    public override async Task<Api.RetentionPolicy> GetRetentionPolicy(Api.GetRetentionPolicyRequest request, ServerCallContext context) =>
        RetentionMapping.ToApi(await Sender.Send(new GetRetentionPolicy(), context.CancellationToken));

    [Authorize(Policy = Policies.PrivacyManage)]
    public override async Task<Api.RetentionPolicy> UpdateRetentionPolicy(Api.UpdateRetentionPolicyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RetentionMapping.ToApi(await Sender.Send(
            new UpdateRetentionPolicy(RetentionMapping.ToDomain(request.Policy), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));
    }
}
