// ECharts whole, as `import * as echarts from 'echarts'` brings it in.
export * from 'echarts';
