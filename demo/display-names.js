// Display names for the demo customers' group keys and values, in the shape of Metronome's group-key
// overrides: the page gives them to <usage-chart> (legend, filters, Group by) and <metronome-dashboard>
// (bm_group_key_overrides), so no raw key (`bucket_class`) or region code reaches a label. A host
// writes the same for its own keys. Values that read well as they are (H100, hot, input) keep them.

/** Cloud regions by where they are. */
const REGIONS = {
  'us-east-1': 'N. Virginia',
  'us-east-2': 'Ohio',
  'us-west-2': 'Oregon',
  'eu-west-1': 'Ireland',
  'ap-south-1': 'Mumbai',
  'ap-southeast-1': 'Singapore',
};

export const GROUP_KEY_OVERRIDES = {
  region: { display_name: 'Region', value_display_names: REGIONS },
  gpu: { display_name: 'GPU' },
  model: { display_name: 'Model' },
  direction: { display_name: 'Input or output' },
  tier: { display_name: 'Storage tier' },
  endpoint: { display_name: 'Endpoint' },
  cluster: { display_name: 'Cluster' },
  bucket_class: { display_name: 'Storage class' },
};
