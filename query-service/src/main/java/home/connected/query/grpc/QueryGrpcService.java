package home.connected.query.grpc;

import home.connected.contracts.query.v1.DeviceStatusChange;
import home.connected.contracts.query.v1.DeviceStatusFilter;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetLatestResponse;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.GetSeriesResponse;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.contracts.query.v1.QueryServiceGrpc;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.query.catalogue.SensorCatalogue;
import home.connected.query.live.LiveDeviceStatuses;
import home.connected.query.live.LiveReadings;
import home.connected.query.series.SeriesQueries;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/**
 * The QueryService RPCs. Who may call them is checked before they run (the token-checking
 * interceptor); failures become statuses in {@link GrpcErrors}.
 */
@Service
class QueryGrpcService extends QueryServiceGrpc.QueryServiceImplBase {

    private final SensorCatalogue catalogue;
    private final SeriesQueries series;
    private final LiveReadings live;
    private final LiveDeviceStatuses statuses;

    QueryGrpcService(SensorCatalogue catalogue, SeriesQueries series, LiveReadings live, LiveDeviceStatuses statuses) {
        this.catalogue = catalogue;
        this.series = series;
        this.live = live;
        this.statuses = statuses;
    }

    @Override
    public void listSensors(ListSensorsRequest request, StreamObserver<ListSensorsResponse> responses) {
        responses.onNext(ListSensorsResponse.newBuilder()
                .addAllSensors(catalogue.list(request.getFilter()))
                .build());
        responses.onCompleted();
    }

    @Override
    public void getLatest(GetLatestRequest request, StreamObserver<GetLatestResponse> responses) {
        responses.onNext(GetLatestResponse.newBuilder()
                .addAllReadings(catalogue.latest(request.getSensorsList()))
                .build());
        responses.onCompleted();
    }

    @Override
    public void getSeries(GetSeriesRequest request, StreamObserver<GetSeriesResponse> responses) {
        responses.onNext(series.get(request));
        responses.onCompleted();
    }

    @Override
    public void streamReadings(ReadingFilter request, StreamObserver<Reading> responses) {
        live.subscribe(request, responses);
    }

    @Override
    public void streamDeviceStatuses(DeviceStatusFilter request, StreamObserver<DeviceStatusChange> responses) {
        statuses.subscribe(request, responses);
    }
}
