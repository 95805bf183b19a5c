#!/usr/bin/env node
/** The CDK app that `cdk synth` / `cdk deploy` run (cdk.json "app"). */
import { buildSeedApp } from '../lib/app/seed-app.js';

buildSeedApp().app.synth();
