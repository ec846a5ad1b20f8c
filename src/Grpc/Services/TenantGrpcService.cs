using global::Grpc.Core;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Team;
using PesanAI.Application.Tenants;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using PesanAI.Protos.Tenants.V1;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.tenants.v1.TenantService: map the request, send it, map the result. Each method names its policy.</summary>
public sealed class TenantGrpcService(ISender sender) : TenantService.TenantServiceBase
{
    [Authorize(Policy = Policies.Platform)]
    public override async Task<Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context) =>
        (await sender.Send(new CreateTenant(request.DisplayName, request.TimeZone, request.DefaultLanguage), context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantRead)]
    public override async Task<Tenant> GetTenant(GetTenantRequest request, ServerCallContext context) =>
        (await sender.Send(new GetTenant(request.Id), context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.Platform)]
    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context)
    {
        var page = await sender.Send(new ListTenants(request.PageSize, request.PageToken), context.CancellationToken);
        var response = new ListTenantsResponse { NextPageToken = page.NextPageToken };
        response.Tenants.AddRange(page.Tenants.Select(t => t.ToProto()));
        return response;
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> UpdateBusinessProfile(UpdateBusinessProfileRequest request, ServerCallContext context) =>
        (await sender.Send(
            new UpdateBusinessProfile(
                request.TenantId,
                request.BusinessProfile.ToDomain(),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> RegisterPhoneNumber(RegisterPhoneNumberRequest request, ServerCallContext context) =>
        (await sender.Send(
            new RegisterPhoneNumber(
                request.TenantId,
                request.PhoneNumberId,
                request.DisplayPhoneNumber,
                request.WabaId,
                request.AccessToken,
                request.AppSecret,
                request.VerifyToken,
                request.Label,
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> RemovePhoneNumber(RemovePhoneNumberRequest request, ServerCallContext context) =>
        (await sender.Send(
            new RemovePhoneNumber(request.TenantId, request.PhoneNumberId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.Platform)]
    public override async Task<Tenant> SuspendTenant(SuspendTenantRequest request, ServerCallContext context) =>
        (await sender.Send(
            new SuspendTenant(request.Id, request.Reason, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.Platform)]
    public override async Task<Tenant> ReactivateTenant(ReactivateTenantRequest request, ServerCallContext context) =>
        (await sender.Send(
            new ReactivateTenant(request.Id, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Member> AddMember(AddMemberRequest request, ServerCallContext context) =>
        (await sender.Send(
            new AddMember(request.TenantId, request.DisplayName, request.Email, request.Role.ToDomain(), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Member> ChangeMemberRole(ChangeMemberRoleRequest request, ServerCallContext context) =>
        (await sender.Send(
            new ChangeMemberRole(request.TenantId, request.MemberId, request.Role.ToDomain(), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<RemoveMemberResponse> RemoveMember(RemoveMemberRequest request, ServerCallContext context)
    {
        var removal = await sender.Send(
            new RemoveMember(request.TenantId, request.MemberId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken);
        return new RemoveMemberResponse { RevokedClientIds = { removal.RevokedClientIds }, Version = removal.Version };
    }

    [Authorize(Policy = Policies.TenantRead)]
    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var team = await sender.Send(new ListMembers(request.TenantId), context.CancellationToken);
        return new ListMembersResponse { Members = { team.Members.Select(m => m.ToProto()) } };
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<CreateCredentialResponse> CreateCredential(CreateCredentialRequest request, ServerCallContext context)
    {
        var issued = await sender.Send(
            new CreateCredential(request.TenantId, request.Kind.ToDomain(), request.MemberId, request.Role.ToDomain(), [.. request.Scopes], request.DisplayName),
            context.CancellationToken);
        return new CreateCredentialResponse { Credential = issued.Credential.ToProto(), ClientSecret = issued.ClientSecret };
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<ListCredentialsResponse> ListCredentials(ListCredentialsRequest request, ServerCallContext context)
    {
        var credentials = await sender.Send(new ListCredentials(request.TenantId), context.CancellationToken);
        return new ListCredentialsResponse { Credentials = { credentials.Select(c => c.ToProto()) } };
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Credential> RevokeCredential(RevokeCredentialRequest request, ServerCallContext context) =>
        (await sender.Send(new RevokeCredential(request.TenantId, request.ClientId, request.Reason), context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<RotateCredentialSecretResponse> RotateCredentialSecret(RotateCredentialSecretRequest request, ServerCallContext context)
    {
        var issued = await sender.Send(new RotateCredentialSecret(request.TenantId, request.ClientId), context.CancellationToken);
        return new RotateCredentialSecretResponse { Credential = issued.Credential.ToProto(), ClientSecret = issued.ClientSecret };
    }
}
