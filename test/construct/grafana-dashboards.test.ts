import { App, Chart, Testing } from 'cdk8s';
import { GrafanaDashboards } from '../../src';
import { DASHBOARD_UIDS } from '../../src/tooling';

function synth(build: (chart: Chart) => void): Array<Record<string, any>> {
  const app = Testing.app();
  build(new Chart(app, 'observe', { namespace: 'monitoring' }));
  return Testing.synth(app.charts[0]);
}

describe('GrafanaDashboards', () => {
  test('writes both dashboards into one ConfigMap labelled for the Grafana sidecar, in the chart\'s namespace', () => {
    // GIVEN a chart with the dashboards
    const objects = synth((chart) => new GrafanaDashboards(chart, 'dashboards'));

    // WHEN the ConfigMap is found by name
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'locust-dashboards');

    // THEN it carries the sidecar's label and one JSON dashboard per mode
    expect(configMap?.metadata).toEqual({ name: 'locust-dashboards', namespace: 'monitoring', labels: { grafana_dashboard: '1' } });
    expect(Object.keys(configMap?.data ?? {}).sort()).toEqual(['locust-metrics-exporter.json', 'locust-opentelemetry.json']);
    expect(JSON.parse(configMap!.data['locust-opentelemetry.json']).uid).toBe(DASHBOARD_UIDS.openTelemetry);
    expect(JSON.parse(configMap!.data['locust-metrics-exporter.json']).uid).toBe(DASHBOARD_UIDS.metricsExporter);
  });

  test('writes only the modes asked for, under the name and namespace given', () => {
    const objects = synth((chart) => new GrafanaDashboards(chart, 'dashboards', { modes: ['openTelemetry'], name: 'load-dashboards', namespace: 'grafana' }));
    const configMap = objects.find((object) => object.metadata.name === 'load-dashboards');
    expect(configMap?.metadata.namespace).toBe('grafana');
    expect(Object.keys(configMap?.data ?? {})).toEqual(['locust-opentelemetry.json']);
  });

  test('writes the same bytes each time', () => {
    const yaml = () => { const app = new App({ outdir: '/nonexistent-never-written' }); new GrafanaDashboards(new Chart(app, 'c'), 'd'); return app.synthYaml(); };
    expect(yaml()).toBe(yaml());
  });

  test.each([
    [{ name: 'Locust_Dashboards' }, 'GrafanaDashboards at observe/dashboards: name is not a valid ConfigMap name (got "Locust_Dashboards"); use lowercase letters, digits, - and ., e.g. locust-dashboards'],
    [{ modes: ['otel'] as never[] }, 'GrafanaDashboards at observe/dashboards: modes names a mode with no dashboard (got ["otel"]); use openTelemetry or metricsExporter'],
    [{ modes: [] }, 'GrafanaDashboards at observe/dashboards: modes is empty, so no dashboard would be written (got []); leave it out for both dashboards, or name openTelemetry or metricsExporter'],
  ])('fails when the props are %j, saying what to write instead', (props, message) => {
    expect(() => synth((chart) => new GrafanaDashboards(chart, 'dashboards', props))).toThrow(message);
  });
});
