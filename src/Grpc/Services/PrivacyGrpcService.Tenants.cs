using global::Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Privacy;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>A business's data as a whole: its export, and its deletion after a grace period (operator or owner).</summary>
public sealed partial class PrivacyGrpcService
{
    [Authorize(Policy = Policies.PrivacyManage)]
    public override async Task ExportTenantData(Api.ExportTenantDataRequest request, IServerStreamWriter<Api.ArchiveChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await WriteAsync(await Sender.Send(new ExportTenantData(request.TenantId), context.CancellationToken), responseStream, context);
    }

    [Authorize(Policy = Policies.PrivacyManage)]
    public override async Task<Api.TenantDeletion> DeleteTenant(Api.DeleteTenantRequest request, ServerCallContext context) =>
        TenantDeletionMapping.ToProto(await Sender.Send(new DeleteTenant(request.TenantId, request.Reason), context.CancellationToken));

    [Authorize(Policy = Policies.PrivacyManage)]
    public override async Task<Api.TenantDeletion> CancelTenantDeletion(Api.CancelTenantDeletionRequest request, ServerCallContext context) =>
        TenantDeletionMapping.ToProto(await Sender.Send(new CancelTenantDeletion(request.TenantId), context.CancellationToken));

    [Authorize(Policy = Policies.PrivacyManage)]
    public override async Task<Api.TenantDeletion> GetTenantDeletion(Api.GetTenantDeletionRequest request, ServerCallContext context) =>
        TenantDeletionMapping.ToProto(await Sender.Send(new GetTenantDeletion(request.TenantId), context.CancellationToken));
}
