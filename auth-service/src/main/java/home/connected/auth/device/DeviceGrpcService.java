package home.connected.auth.device;

import static home.connected.access.Rpc.answer;

import com.google.protobuf.Empty;
import home.connected.contracts.auth.v1.Device;
import home.connected.contracts.auth.v1.DeviceCredentials;
import home.connected.contracts.auth.v1.DevicePlace;
import home.connected.contracts.auth.v1.DeviceRef;
import home.connected.contracts.auth.v1.DeviceServiceGrpc;
import home.connected.contracts.auth.v1.ListDevicePlacesResponse;
import home.connected.contracts.auth.v1.ListDevicesResponse;
import home.connected.contracts.auth.v1.ProvisionDeviceRequest;
import home.connected.contracts.auth.v1.SetDevicePlaceRequest;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/** Device RPCs; their access option in the contracts (mostly devices:manage) is enforced before they run. */
@Service
class DeviceGrpcService extends DeviceServiceGrpc.DeviceServiceImplBase {

    private final Devices devices;
    private final DevicePlaces places;

    DeviceGrpcService(Devices devices, DevicePlaces places) {
        this.devices = devices;
        this.places = places;
    }

    @Override
    public void provisionDevice(ProvisionDeviceRequest request, StreamObserver<DeviceCredentials> response) {
        answer(
                response,
                () -> devices.provision(request.getDeviceId(), request.getDisplayName(), request.getLocation()));
    }

    @Override
    public void rotateDevicePassword(DeviceRef request, StreamObserver<DeviceCredentials> response) {
        answer(response, () -> devices.rotatePassword(request.getDeviceId()));
    }

    @Override
    public void disableDevice(DeviceRef request, StreamObserver<Device> response) {
        answer(response, () -> devices.disable(request.getDeviceId()));
    }

    @Override
    public void deleteDevice(DeviceRef request, StreamObserver<Empty> response) {
        answer(response, () -> {
            devices.delete(request.getDeviceId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void listDevices(Empty request, StreamObserver<ListDevicesResponse> response) {
        answer(response, devices::list);
    }

    @Override
    public void setDevicePlace(SetDevicePlaceRequest request, StreamObserver<DevicePlace> response) {
        answer(response, () -> places.set(request.getDeviceId(), request.getDisplayName(), request.getRoom()));
    }

    @Override
    public void listDevicePlaces(Empty request, StreamObserver<ListDevicePlacesResponse> response) {
        answer(response, places::list);
    }
}
